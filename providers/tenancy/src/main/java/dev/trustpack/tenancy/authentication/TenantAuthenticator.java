package dev.trustpack.tenancy.authentication;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** What both tenant steps are: stateless, after the user is known, nothing for the user to set up. */
abstract sealed class TenantAuthenticator implements Authenticator
        permits TenantSelectionAuthenticator, TenantDirectGrantAuthenticator {

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
