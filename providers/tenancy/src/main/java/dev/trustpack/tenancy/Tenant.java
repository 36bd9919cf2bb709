package dev.trustpack.tenancy;

import org.keycloak.models.OrganizationModel;

/** A customer tenant: a Keycloak Organization, as tokens and other Trustpack modules see it. */
public record Tenant(String id, String alias, String name) {

    static Tenant of(OrganizationModel organization) {
        return new Tenant(organization.getId(), organization.getAlias(), organization.getName());
    }
}
