package dev.trustpack.audit.listener;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The tenant an audit record belongs to, through the tenancy module: the tenant a login chose (event detail
 * {@code tenant}), Keycloak's organization detail ({@code org_id}), the organization or tenant in an admin resource
 * path, or else the only tenant of the user concerned. A user in several tenants with no tenant in the event gives
 * a realm-level record (no tenant), never a guess.
 */
final class TenantResolver {

    static final String TENANT_DETAIL = "tenant";
    static final String ORGANIZATION_DETAIL = "org_id";

    private static final Pattern ORGANIZATION_PATH = Pattern.compile("^organizations/([^/]+)");
    private static final Pattern TENANT_PATH = Pattern.compile("(?:^|/)tenants/([^/?]+)");
    private static final Pattern USER_PATH = Pattern.compile("^users/([^/]+)");

    private final KeycloakSession session;
    private final TenancyProvider tenancy;

    TenantResolver(KeycloakSession session) {
        this.session = session;
        this.tenancy = tenancyOf(session);
    }

    Optional<Tenant> forDetails(RealmModel realm, Map<String, String> details, String userId) {
        if (tenancy == null) {
            return Optional.empty();
        }
        if (details != null) {
            String alias = details.get(TENANT_DETAIL);
            if (alias != null) {
                return tenancy.tenant(alias);
            }
            String organizationId = details.get(ORGANIZATION_DETAIL);
            if (organizationId != null) {
                return tenancy.tenantById(organizationId);
            }
        }
        return onlyTenantOf(realm, userId);
    }

    Optional<Tenant> forResourcePath(RealmModel realm, String resourcePath) {
        if (tenancy == null || resourcePath == null) {
            return Optional.empty();
        }
        Matcher organization = ORGANIZATION_PATH.matcher(resourcePath);
        if (organization.find()) {
            return tenancy.tenantById(organization.group(1));
        }
        Matcher tenant = TENANT_PATH.matcher(resourcePath);
        if (tenant.find()) {
            return tenancy.tenant(tenant.group(1));
        }
        Matcher user = USER_PATH.matcher(resourcePath);
        return user.find() ? onlyTenantOf(realm, user.group(1)) : Optional.empty();
    }

    private Optional<Tenant> onlyTenantOf(RealmModel realm, String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return Optional.empty();
        }
        List<Tenant> tenants = tenancy.tenantsOf(user);
        return tenants.size() == 1 ? Optional.of(tenants.get(0)) : Optional.empty();
    }

    private static TenancyProvider tenancyOf(KeycloakSession session) {
        try {
            return session.getProvider(TenancyProvider.class);
        } catch (RuntimeException | NoClassDefFoundError e) {
            return null;
        }
    }
}
