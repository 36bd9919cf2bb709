package dev.trustpack.tenancy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tenant an admin resource path names, read from its beginning only: Trustpack's own tenant resources
 * ({@code trustpack/tenants/<alias>/...}) and Keycloak's organization resources ({@code organizations/<id>/...}).
 * A name that merely contains such a path (a role called {@code x/tenants/acme}) names no tenant.
 */
final class AdminPaths {

    private static final Pattern TRUSTPACK_TENANT = Pattern.compile("^trustpack/tenants/([^/?#]+)(?:[/?#]|$)");
    private static final Pattern ORGANIZATION = Pattern.compile("^organizations/([^/?#]+)(?:[/?#]|$)");

    /** A tenant named by a path: by alias (Trustpack's resources) or by organization id (Keycloak's). */
    record TenantReference(String alias, String organizationId) {
    }

    private AdminPaths() {
    }

    static Optional<TenantReference> tenantOf(String resourcePath) {
        if (resourcePath == null) {
            return Optional.empty();
        }
        Matcher trustpack = TRUSTPACK_TENANT.matcher(resourcePath);
        if (trustpack.find()) {
            return Optional.of(new TenantReference(trustpack.group(1), null));
        }
        Matcher organization = ORGANIZATION.matcher(resourcePath);
        return organization.find() ? Optional.of(new TenantReference(null, organization.group(1))) : Optional.empty();
    }
}
