package dev.trustpack.tenancy.admin;

import dev.trustpack.common.admin.TrustpackAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link RealmPolicyResource} at {@code /admin/realms/{realm}/trustpack/policy}. */
public final class RealmPolicyAdminResourceFactory extends TrustpackAdminResourceFactory {

    public static final String ID = "policy";

    public RealmPolicyAdminResourceFactory() {
        super(ID);
    }

    @Override
    protected Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new RealmPolicyResource(session, realm, auth, adminEvent);
    }
}
