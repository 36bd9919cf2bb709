package dev.trustpack.audit.listener;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.tenancy.TenancyEvents;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The tenant an audit record belongs to, through the tenancy module's public API: the tenant a login chose (event
 * detail {@link TenancyEvents#TENANT}), Keycloak's organization detail ({@code org_id}), the tenant an admin resource
 * path is about ({@link TenancyProvider#tenantOfAdminPath}), or else the only tenant of the user concerned. A user in
 * several tenants with no tenant in the event gives a realm-level record (no tenant), never a guess.
 */
final class TenantResolver {

    static final String ORGANIZATION_DETAIL = "org_id";

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
            String alias = details.get(TenancyEvents.TENANT);
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

    /** An admin event: the tenant detail a Trustpack resource set, else the tenant its resource path is about. */
    Optional<Tenant> forAdminEvent(RealmModel realm, Map<String, String> details, String resourcePath) {
        if (tenancy == null) {
            return Optional.empty();
        }
        String alias = details == null ? null : details.get(TenancyEvents.TENANT);
        return alias != null ? tenancy.tenant(alias) : forResourcePath(realm, resourcePath);
    }

    private Optional<Tenant> forResourcePath(RealmModel realm, String resourcePath) {
        if (resourcePath == null) {
            return Optional.empty();
        }
        Optional<Tenant> tenant = tenancy.tenantOfAdminPath(resourcePath);
        if (tenant.isPresent()) {
            return tenant;
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
