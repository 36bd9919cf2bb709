package dev.trustpack.tenancy.login;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Footer statements of the login pages, one provider per capability module. */
public final class LoginFactSpi implements Spi {

    public static final String NAME = "trustpack-login-facts";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return LoginFactProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LoginFactProviderFactory.class;
    }
}
