package dev.trustpack.audit.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

import dev.trustpack.audit.listener.AuditEventListenerFactory;
import dev.trustpack.audit.outbox.ChainVerifier;
import dev.trustpack.audit.outbox.DeadLetterEntity;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.audit.sink.AuditSink;
import dev.trustpack.audit.sink.SinkTenant;
import dev.trustpack.audit.worker.SinkCommands;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyEvents;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.admin.TenantAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.component.ComponentModel;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/trustpack/audit}: sink status and operations (pause, resume, replay, dead letters),
 * chain verification, purge, and export. Reading needs {@code view-events}, operating needs {@code manage-events};
 * a tenant admin may export their own tenant's records and nothing else.
 */
public final class AuditAdminResource {

    private static final String TYPE_PATTERN = "[a-z0-9._]{1,200}";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    AuditAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                       AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Path("sinks")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SinkStatus> sinks() {
        auth.realm().requireViewEvents();
        return realm.getComponentsStream(realm.getId(), AuditSink.class.getName())
                .map(component -> status(component, state(component.getId())))
                .toList();
    }

    @GET
    @Path("sinks/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus sink(@PathParam("id") String id) {
        auth.realm().requireViewEvents();
        ComponentModel component = requireSink(id);
        return status(component, state(id));
    }

    @POST
    @Path("sinks/{id}/pause")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus pause(@PathParam("id") String id) {
        String by = auth.adminAuth().getUser() == null ? "an administrator" : auth.adminAuth().getUser().getUsername();
        return command(id, OperationType.ACTION, "pause", null, sink -> SinkCommands.pause(sink, "paused by " + by));
    }

    @POST
    @Path("sinks/{id}/resume")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus resume(@PathParam("id") String id) {
        return command(id, OperationType.ACTION, "resume", null, SinkCommands::resume);
    }

    /** Body {@code {"from": "2026-11-01T00:00:00Z", "to": "2026-11-02T00:00:00Z"}}: re-deliver records of [from, to). */
    @POST
    @Path("sinks/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("id") String id, ReplayRequest request) {
        auth.realm().requireManageEvents();
        requireSink(id);
        if (request == null) {
            throw badRequest("Send {\"from\": \"<ISO-8601 instant>\", \"to\": \"<ISO-8601 instant>\"}");
        }
        long from = instant("from", request.from(), null);
        long to = instant("to", request.to(), null);
        if (from >= to) {
            throw badRequest("'from' must be before 'to'");
        }
        OutboxStore outbox = OutboxStore.of(session);
        OptionalLong first = outbox.firstSeqFrom(realm.getId(), from);
        long through = outbox.lastSeqBefore(realm.getId(), to, 0);
        if (first.isEmpty() || through < first.getAsLong()) {
            throw badRequest("There are no sealed records of this realm between " + request.from() + " and "
                    + request.to());
        }
        SinkStatus status = command(id, OperationType.ACTION, "replay",
                Map.of("from", request.from(), "to", request.to()), sink -> {
                    if (sink.getReplayTo() != null) {
                        throw new SinkCommands.Conflict("A replay of records " + sink.getReplayCursor() + " to "
                                + sink.getReplayTo() + " is in progress; cancel it with DELETE .../replay first");
                    }
                    SinkCommands.startReplay(sink, first.getAsLong() - 1, through);
                });
        return Response.accepted(status).build();
    }

    @DELETE
    @Path("sinks/{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus cancelReplay(@PathParam("id") String id) {
        return command(id, OperationType.DELETE, "replay", null, SinkCommands::endReplay);
    }

    /** Changes a sink's progress row as a realm admin asked, records that as an admin event, returns the new status. */
    private SinkStatus command(String id, OperationType operation, String action, Object representation,
                               Consumer<SinkStateEntity> change) {
        auth.realm().requireManageEvents();
        ComponentModel component = requireSink(id);
        SinkStateEntity state = commands().update(id, realm.getId(), change);
        audited(operation, "sinks/" + id + "/" + action, representation);
        return status(component, state);
    }

    @GET
    @Path("sinks/{id}/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DeadLetter> deadLetters(@PathParam("id") String id, @QueryParam("first") String first,
                                        @QueryParam("max") String max) {
        auth.realm().requireViewEvents();
        requireSink(id);
        return SinkStateStore.of(session).deadLetters(id, Inputs.first(first), Inputs.max(max)).stream()
                .map(AuditAdminResource::deadLetter).toList();
    }

    /** Walks the realm's hash chain; {@code status} is {@code broken} with the first problem if anything is off. */
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public ChainVerifier.Result verify() {
        auth.realm().requireViewEvents();
        return new ChainVerifier(OutboxStore.of(session)).verify(realm.getId(), realm.getName());
    }

    /** Purges now what retention would purge at the next scheduled round. */
    @POST
    @Path("purge")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> purge() {
        auth.realm().requireManageEvents();
        AuditEventListenerFactory listener = (AuditEventListenerFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(EventListenerProvider.class, AuditEventListenerFactory.ID);
        long purgedThrough = listener.worker().purge(realm.getId(), System.currentTimeMillis());
        audited(OperationType.DELETE, "records", null);
        return Map.of("purgedThroughSeq", purgedThrough);
    }

    /**
     * Records of [from, to) as JSON lines ({@code format=jsonl}, the default) or CSV, optionally of one tenant and
     * of types starting with {@code type} (e.g. {@code user.login}).
     */
    @GET
    @Path("export")
    public Response export(@QueryParam("format") String format, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("type") String type,
                           @QueryParam("tenant") String tenantAlias) {
        AuditExport.Format exportFormat = format(format);
        long fromMillis = instant("from", from, 0L);
        long toMillis = instant("to", to, Long.MAX_VALUE);
        if (fromMillis >= toMillis) {
            throw badRequest("'from' must be before 'to'");
        }
        String typePrefix = typePrefix(type);
        Tenant tenant = exportTenant(tenantAlias);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("format", exportFormat.extension);
        query.put("from", from);
        query.put("to", to);
        query.put("type", typePrefix);
        audited(OperationType.ACTION, tenant == null ? "export" : "export/tenants/" + tenant.alias(), query, tenant);
        String fileName = "audit-" + realm.getName().replaceAll("[^A-Za-z0-9._-]", "_")
                + (tenant == null ? "" : "-" + tenant.alias()) + "." + exportFormat.extension;
        AuditExport.Query exportQuery = new AuditExport.Query(realm.getId(), tenant == null ? null : tenant.id(),
                fromMillis, toMillis, typePrefix);
        return Response.ok(AuditExport.stream(session.getKeycloakSessionFactory(), exportQuery, exportFormat))
                .type(exportFormat.mediaType + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    /** Request body of a replay. */
    public record ReplayRequest(String from, String to) {
    }

    /** A record a sink refused, set aside. */
    public record DeadLetter(long seq, String recordId, String deadLetteredAt, String reason) {
    }

    /**
     * The tenant an export is restricted to: realm-wide readers ({@code view-events}) export everything or the tenant
     * they name; a tenant admin exports only the tenant their token is bound to.
     */
    private Tenant exportTenant(String alias) {
        boolean realmWide = auth.realm().canViewEvents();
        TenantAccess access = new TenantAccess(session, realm, auth);
        if (alias != null && !alias.isBlank()) {
            Tenant tenant = access.tenancy().tenant(alias).orElse(null);
            if (tenant != null && (realmWide || access.administers(tenant))) {
                return tenant;
            }
            if (!realmWide && access.administeredTenant().isEmpty()) {
                throw forbidden();
            }
            throw new TrustpackException(TrustpackException.Kind.NOT_FOUND, "No tenant '" + Inputs.quoted(alias) + "'");
        }
        return realmWide ? null : access.administeredTenant().orElseThrow(AuditAdminResource::forbidden);
    }

    private static TrustpackException forbidden() {
        return new TrustpackException(TrustpackException.Kind.FORBIDDEN, "Exporting audit records needs the "
                + "view-events role, or being a tenant admin (then only the records of the tenant your token is for)");
    }

    private ComponentModel requireSink(String id) {
        ComponentModel component = realm.getComponent(id);
        if (component == null || !AuditSink.class.getName().equals(component.getProviderType())
                || !realm.getId().equals(component.getParentId())) {
            throw ErrorResponse.error("No audit sink '" + Inputs.quoted(id) + "' in this realm",
                    Response.Status.NOT_FOUND);
        }
        return component;
    }

    private SinkStateEntity state(String sinkId) {
        SinkStateEntity state = SinkStateStore.of(session).find(sinkId);
        return state != null ? state : commands().update(sinkId, realm.getId(), sink -> {
        });
    }

    private SinkCommands commands() {
        return new SinkCommands(session.getKeycloakSessionFactory());
    }

    private SinkStatus status(ComponentModel component, SinkStateEntity state) {
        SinkTenant sinkTenant = SinkTenant.of(session, realm, component);
        String tenantId = sinkTenant.recordFilter();
        OutboxStore outbox = OutboxStore.of(session);
        long backlog = outbox.countSealedAfter(realm.getId(), tenantId, state.getCursorSeq());
        OptionalLong oldest = outbox.oldestSealedAfter(realm.getId(), tenantId, state.getCursorSeq());
        double lag = oldest.isPresent() ? Math.max(0, System.currentTimeMillis() - oldest.getAsLong()) / 1000.0 : 0;
        SinkStatus.Replay replay = state.getReplayTo() == null ? null : new SinkStatus.Replay(state.getReplayCursor(),
                state.getReplayTo(), time(state.getReplayRequestedAt()));
        return new SinkStatus(component.getId(), component.getName(), component.getProviderId(),
                sinkTenant.alias(), state.getStatus(), state.getPausedReason(),
                state.getCursorSeq(), state.getPendingTo(), replay, state.getFailures(), state.getLastError(),
                time(state.getLastSuccessAt()), time(state.getNextAttemptAt()), state.getDelivered(),
                state.getDeadLettered(), backlog, lag, outbox.countUnsealed(realm.getId()));
    }

    private static DeadLetter deadLetter(DeadLetterEntity entity) {
        return new DeadLetter(entity.getSeq(), entity.getRecordId(), time(entity.getCreatedAt()), entity.getReason());
    }

    private void audited(OperationType operation, String path, Object representation) {
        audited(operation, path, representation, null);
    }

    /** An admin event of this resource; one about a tenant says so in the tenancy module's tenant detail. */
    private void audited(OperationType operation, String path, Object representation, Tenant tenant) {
        adminEvent.operation(operation).resource(ResourceType.CUSTOM)
                .resourcePath("trustpack", "audit", path)
                .representation(representation);
        if (tenant != null) {
            adminEvent.detail(TenancyEvents.TENANT, tenant.alias());
        }
        adminEvent.success();
    }

    private static AuditExport.Format format(String format) {
        if (format == null || format.isBlank()) {
            return AuditExport.Format.JSONL;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson", "json" -> AuditExport.Format.JSONL;
            case "csv" -> AuditExport.Format.CSV;
            default -> throw badRequest("'format' must be jsonl or csv");
        };
    }

    private static long instant(String name, String value, Long fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw badRequest("'" + name + "' is required (an ISO-8601 instant such as 2026-11-22T00:00:00Z)");
            }
            return fallback;
        }
        try {
            return Instant.parse(value.strip()).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, not '"
                    + Inputs.quoted(value) + "'");
        }
    }

    private static String typePrefix(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String normalized = type.strip().toLowerCase(Locale.ROOT);
        if (!normalized.matches(TYPE_PATTERN)) {
            throw badRequest("'type' must be a record type or its beginning, such as user.login or admin.user");
        }
        return normalized.startsWith(AuditRecords.TYPE_PREFIX) ? normalized : AuditRecords.TYPE_PREFIX + normalized;
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static RuntimeException badRequest(String message) {
        return ErrorResponse.error(message, Response.Status.BAD_REQUEST);
    }
}
