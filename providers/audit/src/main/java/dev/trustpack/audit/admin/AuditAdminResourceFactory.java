package dev.trustpack.audit.admin;

import dev.trustpack.common.admin.TrustpackAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link AuditAdminResource} at {@code /admin/realms/{realm}/trustpack/audit}. */
public final class AuditAdminResourceFactory extends TrustpackAdminResourceFactory {

    public static final String ID = "audit";

    public AuditAdminResourceFactory() {
        super(ID);
    }

    @Override
    protected Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new AuditAdminResource(session, realm, auth, adminEvent);
    }
}
