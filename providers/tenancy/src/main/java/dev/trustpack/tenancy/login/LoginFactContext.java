package dev.trustpack.tenancy.login;

import java.util.Optional;

import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What a login page is about. {@code tenant} and {@code user} are present only once the user has signed in with a
 * first factor and the login's tenant is decided (the page shows that tenant's branding); before that a fact may speak
 * only of the realm, so that no page tells an anonymous visitor anything about a tenant.
 */
public record LoginFactContext(KeycloakSession session, RealmModel realm, Optional<Tenant> tenant,
                               Optional<UserModel> user) {
}
