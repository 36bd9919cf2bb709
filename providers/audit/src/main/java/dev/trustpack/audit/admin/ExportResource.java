package dev.trustpack.audit.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;

/**
 * {@code .../audit/export}: one realm's sealed records of [from, to) as JSON lines ({@code format=jsonl}, the default)
 * or CSV, optionally of one tenant and of types starting with {@code type} (e.g. {@code user.login}). Who may export
 * which tenant is decided by the caller's {@link TenantScope}; every export is recorded as an admin event.
 */
public final class ExportResource {

    /** The tenant an export is restricted to, for the caller: null for the whole realm; throws if not allowed. */
    @FunctionalInterface
    interface TenantScope {
        Tenant resolve(String requestedAlias);
    }

    private final KeycloakSession session;
    private final String realmId;
    private final String realmName;
    private final TenantScope scope;
    private final AuditAdminEvents events;
    private final String eventPath;

    ExportResource(KeycloakSession session, String realmId, String realmName, TenantScope scope,
                   AuditAdminEvents events, String eventPath) {
        this.session = session;
        this.realmId = realmId;
        this.realmName = realmName;
        this.scope = scope;
        this.events = events;
        this.eventPath = eventPath;
    }

    @GET
    public Response export(@QueryParam("format") String format, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("type") String type,
                           @QueryParam("tenant") String tenantAlias) {
        AuditExport.Format exportFormat = AuditParams.format(format);
        long fromMillis = AuditParams.instant("from", from, 0L);
        long toMillis = AuditParams.instant("to", to, Long.MAX_VALUE);
        if (fromMillis >= toMillis) {
            throw AuditParams.invalid("'from' must be before 'to'");
        }
        String typePrefix = AuditParams.typePrefix(type);
        Tenant tenant = scope.resolve(tenantAlias);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("format", exportFormat.extension);
        query.put("from", from);
        query.put("to", to);
        query.put("type", typePrefix);
        events.record(OperationType.ACTION, tenant == null ? eventPath : eventPath + "/tenants/" + tenant.alias(),
                query, tenant);
        String fileName = "audit-" + realmName.replaceAll("[^A-Za-z0-9._-]", "_")
                + (tenant == null ? "" : "-" + tenant.alias()) + "." + exportFormat.extension;
        AuditExport.Query exportQuery = new AuditExport.Query(realmId, tenant == null ? null : tenant.id(),
                fromMillis, toMillis, typePrefix);
        return Response.ok(AuditExport.stream(session.getKeycloakSessionFactory(), exportQuery, exportFormat))
                .type(exportFormat.mediaType + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }
}
