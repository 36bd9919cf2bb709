package dev.trustpack.common.admin;

import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/** Mounts {@link TrustpackAdminRoot} at {@code /admin/realms/{realm}/trustpack}. */
public final class TrustpackAdminRootFactory implements AdminRealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack";

    private static final AdminRealmResourceProvider PROVIDER = new RootProvider();

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(TrustpackAdminRootFactory.class, Map.of());
    }

    private static final class RootProvider implements AdminRealmResourceProvider {

        @Override
        public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                  AdminEventBuilder adminEvent) {
            return new TrustpackAdminRoot(session, realm, auth, adminEvent);
        }

        @Override
        public void close() {
        }
    }
}
