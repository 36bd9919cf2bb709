package dev.trustpack.tenancy.branding;

import dev.trustpack.common.log.WarnOnce;
import org.keycloak.Config;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.LoginFormsProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Keycloak's login pages with tenant branding. Its {@link #order()} makes it the default of Keycloak's {@code login}
 * SPI once installed (Keycloak's own {@code freemarker} has order 0); {@code --spi-login--provider=freemarker} turns
 * branding off.
 */
public final class BrandedLoginFormsProviderFactory implements LoginFormsProviderFactory {

    public static final String ID = "trustpack-branded";

    private WarnOnce warnings;

    @Override
    public LoginFormsProvider create(KeycloakSession session) {
        return new BrandedLoginFormsProvider(session, warnings);
    }

    @Override
    public void init(Config.Scope config) {
        warnings = new WarnOnce(256);
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
    public int order() {
        return 10;
    }
}
