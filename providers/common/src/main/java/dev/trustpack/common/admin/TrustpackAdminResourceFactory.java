package dev.trustpack.common.admin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Base of a module's admin sub-resource factory: give the path segment and build the resource; the rest is done.
 * Register the concrete factory in {@code META-INF/services/dev.trustpack.common.admin.TrustpackAdminResourceProviderFactory}.
 */
public abstract class TrustpackAdminResourceFactory implements TrustpackAdminResourceProviderFactory {

    private final String segment;

    protected TrustpackAdminResourceFactory(String segment) {
        this.segment = segment;
    }

    /** The JAX-RS resource for one request; it must authorize the caller itself. */
    protected abstract Object resource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                       AdminEventBuilder adminEvent);

    @Override
    public final TrustpackAdminResourceProvider create(KeycloakSession session) {
        return (realm, auth, adminEvent) -> resource(session, realm, auth, adminEvent);
    }

    @Override
    public final String getId() {
        return segment;
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
}
