package dev.trustpack.tenancy.admin;

import dev.trustpack.common.admin.TrustpackAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link TenantsResource} at {@code /admin/realms/{realm}/trustpack/tenants}. */
public final class TenantsAdminResourceFactory extends TrustpackAdminResourceFactory {

    public static final String ID = "tenants";

    public TenantsAdminResourceFactory() {
        super(ID);
    }

    @Override
    protected Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new TenantsResource(session, realm, auth, adminEvent);
    }
}
