package dev.trustpack.tenancy.login;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/**
 * Base of a module's footer statements (SPI {@link LoginFactSpi#NAME}): the module implements {@link #facts}; the
 * footer lists every module's statements in the order of their ids.
 */
public abstract class LoginFactProviderFactory implements ProviderFactory<LoginFactProvider> {

    private final String id;

    protected LoginFactProviderFactory(String id) {
        this.id = id;
    }

    protected abstract List<LoginFact> facts(LoginFactContext context);

    @Override
    public final LoginFactProvider create(KeycloakSession session) {
        return this::facts;
    }

    @Override
    public final String getId() {
        return id;
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
