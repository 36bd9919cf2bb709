package dev.trustpack.tenancy;

import org.keycloak.models.OrganizationModel;

/**
 * A customer tenant: a Keycloak Organization, as tokens and other Trustpack modules see it. {@code id} is stable and
 * is what apps and modules should key on; {@code alias} (immutable in Keycloak) is for display and routing.
 */
public record Tenant(String id, String alias, String name) {

    public static Tenant of(OrganizationModel organization) {
        return new Tenant(organization.getId(), organization.getAlias(), organization.getName());
    }
}
