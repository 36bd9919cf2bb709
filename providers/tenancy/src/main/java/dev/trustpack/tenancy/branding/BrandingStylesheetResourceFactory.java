package dev.trustpack.tenancy.branding;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the tenant branding stylesheets under {@code /realms/{realm}/trustpack-branding}. */
public final class BrandingStylesheetResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "trustpack-branding";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        BrandingStylesheetResource resource = new BrandingStylesheetResource(session);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
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
}
