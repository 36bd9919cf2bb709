package dev.trustpack.mfa.login;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** What both MFA steps are: stateless, after the user is known; what a user sets up, the step itself decides. */
abstract sealed class MfaStep implements Authenticator permits MfaAuthenticator, MfaDirectGrantAuthenticator {

    @Override
    public final boolean requiresUser() {
        return true;
    }

    @Override
    public final boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public final void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public final void close() {
    }
}
