package dev.trustpack.common.admin;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/trustpack}: hands each path segment to the module that registered it. */
public final class TrustpackAdminRoot {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    TrustpackAdminRoot(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                       AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @Path("{segment}")
    public Object segment(@PathParam("segment") String segment) {
        TrustpackAdminResourceProvider provider = session.getProvider(TrustpackAdminResourceProvider.class, segment);
        if (provider == null) {
            throw new NotFoundException();
        }
        return provider.resource(realm, auth, adminEvent);
    }
}
