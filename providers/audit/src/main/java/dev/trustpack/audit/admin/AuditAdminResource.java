package dev.trustpack.audit.admin;

import java.util.Map;

import dev.trustpack.audit.listener.AuditEventListenerFactory;
import dev.trustpack.audit.outbox.ChainVerifier;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.sink.OperatorSinks;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.admin.TenantAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/trustpack/audit}: the realm's hash chain ({@code verify}, {@code purge}) and the way
 * to the other nouns, each authorized here at its locator: {@code sinks} ({@code view-events}; operations also
 * {@code manage-events}), {@code export} ({@code view-events}, or a tenant admin for their own tenant's records) and,
 * in the master realm only, {@code realms}: every realm's trail, deleted realms' included, for the operator.
 */
public final class AuditAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AuditAdminEvents events;

    AuditAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                       AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = new AuditAdminEvents(adminEvent);
    }

    @Path("sinks")
    public SinksResource sinks() {
        auth.realm().requireViewEvents();
        return new SinksResource(session, realm, auth, events);
    }

    @Path("export")
    public ExportResource export() {
        boolean realmWide = auth.realm().canViewEvents();
        TenantAccess access = new TenantAccess(session, realm, auth);
        if (!realmWide && access.administeredTenant().isEmpty()) {
            throw exportForbidden();
        }
        return new ExportResource(session, realm.getId(), realm.getName(),
                alias -> exportTenant(access, realmWide, alias), events, "export");
    }

    @Path("realms")
    public RealmTrailsResource realms() {
        if (!OperatorSinks.isAdminRealm(realm)) {
            throw new TrustpackException(TrustpackException.Kind.NOT_FOUND, "Every realm's trail, deleted realms' "
                    + "included, is read in the master realm: /admin/realms/master/trustpack/audit/realms");
        }
        auth.realm().requireViewEvents();
        return new RealmTrailsResource(session, events);
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
        events.record(OperationType.DELETE, "records", null);
        return Map.of("purgedThroughSeq", purgedThrough);
    }

    /**
     * The tenant an export is restricted to: realm-wide readers ({@code view-events}) export everything or the tenant
     * they name; a tenant admin exports only the tenant their token is bound to.
     */
    private static Tenant exportTenant(TenantAccess access, boolean realmWide, String alias) {
        if (alias == null || alias.isBlank()) {
            return realmWide ? null : access.administeredTenant().orElseThrow(AuditAdminResource::exportForbidden);
        }
        Tenant tenant = access.tenancy().tenant(alias).orElse(null);
        if (tenant != null && (realmWide || access.administers(tenant))) {
            return tenant;
        }
        throw new TrustpackException(TrustpackException.Kind.NOT_FOUND, "No tenant '" + Inputs.quoted(alias) + "'");
    }

    private static TrustpackException exportForbidden() {
        return new TrustpackException(TrustpackException.Kind.FORBIDDEN, "Exporting audit records needs the "
                + "view-events role, or being a tenant admin (then only the records of the tenant your token is for)");
    }
}
