package dev.trustpack.argon2.login;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.PasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Takes the place of Keycloak's {@code PasswordFormFactory} (same id, higher {@link #order()}, so every flow that
 * uses the step gets it), with {@link TrustpackPasswordForm}. Everything an admin sees stays Keycloak's.
 */
public final class TrustpackPasswordFormFactory extends PasswordFormFactory {

    @Override
    public Authenticator create(KeycloakSession session) {
        return new TrustpackPasswordForm(session);
    }

    @Override
    public int order() {
        return BusyPasswordCheck.ORDER;
    }
}
