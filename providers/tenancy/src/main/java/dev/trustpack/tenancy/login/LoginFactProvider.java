package dev.trustpack.tenancy.login;

import java.util.List;

import org.keycloak.provider.Provider;

/** A capability module's statements for the login page's footer: only what the realm (or the tenant) enforces. */
@FunctionalInterface
public interface LoginFactProvider extends Provider {

    List<LoginFact> facts(LoginFactContext context);

    @Override
    default void close() {
    }
}
