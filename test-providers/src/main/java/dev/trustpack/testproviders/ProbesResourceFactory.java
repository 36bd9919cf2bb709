package dev.trustpack.testproviders;

import dev.trustpack.common.admin.TrustpackAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link ProbesResource} at {@code /admin/realms/{realm}/trustpack/it-probes} (test servers only). */
public final class ProbesResourceFactory extends TrustpackAdminResourceFactory {

    public ProbesResourceFactory() {
        super("it-probes");
    }

    @Override
    protected Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        auth.realm().requireManageRealm();
        return new ProbesResource(session, realm, adminEvent);
    }
}
