package dev.trustpack.audit.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import dev.trustpack.audit.outbox.AuditChainEntity;
import dev.trustpack.audit.outbox.DeadLetterEntity;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.audit.sink.AuditSink;
import dev.trustpack.audit.sink.OperatorSinks;
import dev.trustpack.audit.sink.SinkTenant;
import dev.trustpack.audit.worker.SinkCommands;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
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
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code .../audit/sinks}: the realm's sinks with their delivery progress, and the operations on it (pause, resume,
 * replay, dead letters). The locator has checked {@code view-events}; operations also need {@code manage-events}
 * and are recorded as admin events. An operator sink (master realm, all realms) is paused and resumed for every
 * realm at once, and replayed for the realm the request names.
 */
public final class SinksResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AuditAdminEvents events;

    SinksResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AuditAdminEvents events) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<SinkStatus> sinks() {
        return realm.getComponentsStream(realm.getId(), AuditSink.class.getName()).map(this::status).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus sink(@PathParam("id") String id) {
        return status(requireSink(id));
    }

    @POST
    @Path("{id}/pause")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus pause(@PathParam("id") String id) {
        String by = auth.adminAuth().getUser() == null ? "an administrator" : auth.adminAuth().getUser().getUsername();
        return command(id, null, OperationType.ACTION, "pause", null, sink -> SinkCommands.pause(sink, "paused by " + by));
    }

    @POST
    @Path("{id}/resume")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus resume(@PathParam("id") String id) {
        return command(id, null, OperationType.ACTION, "resume", null, SinkCommands::resume);
    }

    /**
     * Body {@code {"from": "2026-11-01T00:00:00Z", "to": "2026-11-02T00:00:00Z"}}: re-deliver records of [from, to);
     * for an operator sink also {@code "realm": "<name>"}, whose records.
     */
    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("id") String id, ReplayRequest request) {
        auth.realm().requireManageEvents();
        ComponentModel component = requireSink(id);
        if (request == null) {
            throw AuditParams.invalid("Send {\"from\": \"<ISO-8601 instant>\", \"to\": \"<ISO-8601 instant>\"}");
        }
        long from = AuditParams.instant("from", request.from(), null);
        long to = AuditParams.instant("to", request.to(), null);
        if (from >= to) {
            throw AuditParams.invalid("'from' must be before 'to'");
        }
        String sourceRealmId = replaySource(component, request.realm());
        OutboxStore outbox = OutboxStore.of(session);
        Optional<OutboxStore.SeqSpan> span = outbox.span(sourceRealmId, from, to);
        if (span.isEmpty()) {
            throw AuditParams.invalid("There are no sealed records of " + (request.realm() == null ? "this realm"
                    : "realm '" + Inputs.quoted(request.realm()) + "'") + " between " + request.from() + " and "
                    + request.to());
        }
        Map<String, String> representation = request.realm() == null
                ? Map.of("from", request.from(), "to", request.to())
                : Map.of("from", request.from(), "to", request.to(), "realm", request.realm());
        SinkStatus status = command(id, sourceRealmId, OperationType.ACTION, "replay", representation, sink -> {
            if (sink.getReplayTo() != null) {
                throw new SinkCommands.Conflict("A replay of records " + sink.getReplayCursor() + " to "
                        + sink.getReplayTo() + " is in progress; cancel it with DELETE .../replay first");
            }
            SinkCommands.startReplay(sink, span.get().first() - 1, span.get().last());
        });
        return Response.accepted(status).build();
    }

    /** Cancels a replay; for an operator sink, the replays of every realm. */
    @DELETE
    @Path("{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public SinkStatus cancelReplay(@PathParam("id") String id) {
        return command(id, null, OperationType.DELETE, "replay", null, SinkCommands::endReplay);
    }

    @GET
    @Path("{id}/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DeadLetter> deadLetters(@PathParam("id") String id, @QueryParam("first") String first,
                                        @QueryParam("max") String max) {
        ComponentModel component = requireSink(id);
        int from = Inputs.first(first);
        int count = Inputs.max(max);
        SinkStateStore store = SinkStateStore.of(session);
        if (!OperatorSinks.isOperatorSink(realm, component)) {
            return store.deadLetters(id, from, count).stream().map(entity -> deadLetter(entity, realm.getName())).toList();
        }
        Map<String, String> realmOfRow = new HashMap<>();
        for (SinkStateEntity row : store.operatorRows(id)) {
            realmOfRow.put(row.getSinkId(), realmName(row.getRealmId()));
        }
        return store.deadLetters(List.copyOf(realmOfRow.keySet()), from, count).stream()
                .map(entity -> deadLetter(entity, realmOfRow.get(entity.getSinkId()))).toList();
    }

    /** Request body of a replay. */
    public record ReplayRequest(String from, String to, String realm) {
    }

    /** A record a sink refused, set aside. */
    public record DeadLetter(String realm, long seq, String recordId, String deadLetteredAt, String reason) {
    }

    /**
     * Changes a sink's progress (an operator sink's: of the realm given, or of every realm), records that as an admin
     * event, returns the new status.
     */
    private SinkStatus command(String id, String sourceRealmId, OperationType operation, String action,
                               Object representation, Consumer<SinkStateEntity> change) {
        auth.realm().requireManageEvents();
        ComponentModel component = requireSink(id);
        SinkCommands commands = new SinkCommands(session.getKeycloakSessionFactory());
        // Statuses are built from the rows as the commands committed them, not from this request's earlier reads.
        if (!OperatorSinks.isOperatorSink(realm, component)) {
            ownRow(id);
            SinkStatus status = rowStatus(component, commands.update(id, realm.getId(), change), realm.getId(),
                    realm.getName(), SinkTenant.of(session, realm, component));
            events.record(operation, "sinks/" + id + "/" + action, representation);
            return status;
        }
        List<SinkStatus> rows = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (SinkStateEntity row : SinkStateStore.of(session).operatorRows(id)) {
            String source = realmName(row.getRealmId());
            SinkStateEntity current = row;
            if (sourceRealmId == null || sourceRealmId.equals(row.getRealmId())) {
                try {
                    current = commands.update(row.getSinkId(), row.getRealmId(), change);
                } catch (TrustpackException e) {
                    refused.add(source + ": " + e.getMessage());
                }
            }
            rows.add(rowStatus(component, current, row.getRealmId(), source, SinkTenant.REALM_WIDE));
        }
        rows.sort(Comparator.comparing(SinkStatus::realm));
        // What was changed is recorded even when some realm's row refused the change.
        events.record(operation, "sinks/" + id + "/" + action, refused.isEmpty() ? representation
                : Map.of("request", representation == null ? Map.of() : representation, "refused", refused));
        if (!refused.isEmpty()) {
            throw new TrustpackException(TrustpackException.Kind.CONFLICT, "Not changed for " + String.join("; ",
                    refused) + ". The other realms' deliveries were changed.");
        }
        return SinkStatus.operator(component.getId(), component.getName(), component.getProviderId(), rows);
    }

    /** The realm whose records a replay re-delivers: the sink's own, or for an operator sink the one named. */
    private String replaySource(ComponentModel component, String realmName) {
        if (!OperatorSinks.isOperatorSink(realm, component)) {
            if (realmName != null && !realmName.equals(realm.getName())) {
                throw AuditParams.invalid("This sink receives the records of realm '" + realm.getName()
                        + "' only; leave out 'realm'");
            }
            return realm.getId();
        }
        if (realmName == null || realmName.isBlank()) {
            throw AuditParams.invalid("An operator sink receives every realm's records: name the realm whose records "
                    + "to replay ({\"realm\": \"<name>\", ...})");
        }
        List<SinkStateEntity> rows = SinkStateStore.of(session).operatorRows(component.getId());
        // A live realm of that name first, then a realm id (as GET .../audit/realms lists them), then the most
        // recently deleted realm of that name.
        RealmModel live = session.realms().getRealmByName(realmName);
        Optional<String> source = live != null
                ? rows.stream().map(SinkStateEntity::getRealmId).filter(live.getId()::equals).findFirst()
                : Optional.empty();
        if (source.isEmpty()) {
            source = rows.stream().map(SinkStateEntity::getRealmId).filter(realmName::equals).findFirst();
        }
        if (source.isEmpty()) {
            OutboxStore outbox = OutboxStore.of(session);
            source = outbox.deletedRealms().stream().filter(chain -> realmName.equals(chain.getRealmName()))
                    .map(AuditChainEntity::getRealmId)
                    .filter(key -> rows.stream().anyMatch(row -> row.getRealmId().equals(key))).findFirst();
        }
        return source.orElseThrow(() -> new TrustpackException(TrustpackException.Kind.NOT_FOUND, "Operator sink '"
                + component.getName() + "' has no records of a realm '" + Inputs.quoted(realmName) + "'"));
    }

    private SinkStatus status(ComponentModel component) {
        if (!OperatorSinks.isOperatorSink(realm, component)) {
            return rowStatus(component, state(component.getId()), realm.getId(), realm.getName(),
                    SinkTenant.of(session, realm, component));
        }
        List<SinkStatus> rows = SinkStateStore.of(session).operatorRows(component.getId()).stream()
                .map(row -> rowStatus(component, row, row.getRealmId(), realmName(row.getRealmId()),
                        SinkTenant.REALM_WIDE))
                .sorted(Comparator.comparing(SinkStatus::realm))
                .toList();
        return SinkStatus.operator(component.getId(), component.getName(), component.getProviderId(), rows);
    }

    private SinkStatus rowStatus(ComponentModel component, SinkStateEntity state, String realmId, String realmName,
                                 SinkTenant sinkTenant) {
        String tenantId = sinkTenant.recordFilter();
        OutboxStore outbox = OutboxStore.of(session);
        long backlog = outbox.countSealedAfter(realmId, tenantId, state.getCursorSeq());
        OptionalLong oldest = outbox.oldestSealedAfter(realmId, tenantId, state.getCursorSeq());
        double lag = oldest.isPresent() ? Math.max(0, System.currentTimeMillis() - oldest.getAsLong()) / 1000.0 : 0;
        SinkStatus.Replay replay = state.getReplayTo() == null ? null : new SinkStatus.Replay(state.getReplayCursor(),
                state.getReplayTo(), AuditParams.time(state.getReplayRequestedAt()));
        return new SinkStatus(component.getId(), component.getName(), component.getProviderId(), sinkTenant.alias(),
                realmName, false, state.getStatus(), state.getPausedReason(), state.getCursorSeq(),
                state.getPendingTo(), replay, state.getFailures(), state.getLastError(),
                AuditParams.time(state.getLastSuccessAt()), AuditParams.time(state.getNextAttemptAt()),
                state.getDelivered(), state.getDeadLettered(), backlog, lag, outbox.countUnsealed(realmId), null);
    }

    /** A realm's name; a deleted realm's as its kept trail remembers it. */
    private String realmName(String realmId) {
        RealmModel source = session.realms().getRealm(realmId);
        return source != null ? source.getName() : OutboxStore.of(session).chain(realmId)
                .map(AuditChainEntity::getRealmName).orElse(realmId);
    }

    private ComponentModel requireSink(String id) {
        ComponentModel component = realm.getComponent(id);
        if (component == null || !AuditSink.class.getName().equals(component.getProviderType())
                || !realm.getId().equals(component.getParentId())) {
            throw new TrustpackException(TrustpackException.Kind.NOT_FOUND,
                    "No audit sink '" + Inputs.quoted(id) + "' in this realm");
        }
        return component;
    }

    private SinkStateEntity state(String sinkId) {
        SinkStateEntity state = ownRow(sinkId);
        return state != null ? state : new SinkCommands(session.getKeycloakSessionFactory()).update(sinkId,
                realm.getId(), sink -> {
                });
    }

    /** The realm's own sink's row, or null if it has none yet; never another sink's row under the same id. */
    private SinkStateEntity ownRow(String sinkId) {
        SinkStateEntity state = SinkStateStore.of(session).find(sinkId);
        if (state != null && (state.getOperatorSinkId() != null || !state.getRealmId().equals(realm.getId()))) {
            throw new TrustpackException(TrustpackException.Kind.CONFLICT, "The id of sink '" + Inputs.quoted(sinkId)
                    + "' is another sink's; remove it and add it again without choosing an id");
        }
        return state;
    }

    private static DeadLetter deadLetter(DeadLetterEntity entity, String realmName) {
        return new DeadLetter(realmName, entity.getSeq(), entity.getRecordId(), AuditParams.time(entity.getCreatedAt()),
                entity.getReason());
    }
}
