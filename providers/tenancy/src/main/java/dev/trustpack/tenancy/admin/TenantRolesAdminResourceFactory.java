package dev.trustpack.tenancy.admin;

import dev.trustpack.common.admin.TrustpackAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link TenantRolesResource} at {@code /admin/realms/{realm}/trustpack/tenant-roles}. */
public final class TenantRolesAdminResourceFactory extends TrustpackAdminResourceFactory {

    public static final String ID = "tenant-roles";

    public TenantRolesAdminResourceFactory() {
        super(ID);
    }

    @Override
    protected Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new TenantRolesResource(session, realm, auth, adminEvent);
    }
}
