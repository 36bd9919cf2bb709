package dev.trustpack.tenancy.authentication;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.common.config.BooleanSetting;
import dev.trustpack.tenancy.TenancyEvents;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.TenantScope;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Decides the active tenant of a login once the user is known, and records it. Shared by the browser and the
 * direct-grant authenticators; only how they ask the user and how they refuse differ.
 */
final class TenantStep {

    private static final int MAX_ALIAS_IN_EVENT = 64;

    /** Authenticator config: refuse users who belong to no tenant (default: they sign in without a tenant). */
    static final BooleanSetting REQUIRE_TENANT = new BooleanSetting("require-tenant", "Require a tenant",
            "Refuse the login of users who are members of no tenant. Off: they sign in and their tokens carry no tenant.",
            false);

    private TenantStep() {
    }

    static boolean tenantRequired(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return REQUIRE_TENANT.read(config == null ? null : config.getConfig());
    }

    sealed interface Decision permits Activate, Choose, NoTenant, Refuse {
    }

    record Activate(Tenant tenant) implements Decision {
    }

    /** The user belongs to several tenants and asked for none: they choose. */
    record Choose(List<Tenant> tenants) implements Decision {
    }

    record NoTenant() implements Decision {
    }

    /** The request is refused; {@code description} is safe to show and never says whether a tenant exists. */
    record Refuse(String description, String requestedAlias) implements Decision {
    }

    static Decision decide(TenancyProvider tenancy, AuthenticationSessionModel authSession, UserModel user,
                           boolean tenantRequired) {
        TenantScope.Request request = TenantScope.parse(authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM));
        switch (request.kind()) {
            case INVALID:
                return new Refuse(request.problem(), null);
            case SPECIFIC:
                Optional<Tenant> requested = tenancy.tenant(request.alias()).filter(t -> tenancy.isMember(t, user));
                return requested.<Decision>map(Activate::new).orElseGet(() -> new Refuse(
                        "You are not a member of the requested tenant", request.alias()));
            default:
                List<Tenant> tenants = tenancy.tenantsOf(user);
                if (tenants.isEmpty()) {
                    return tenantRequired ? new Refuse("You are not a member of any tenant", null) : new NoTenant();
                }
                if (tenants.size() == 1) {
                    return new Activate(tenants.get(0));
                }
                // Keycloak's own organization step may already have asked the user to pick one.
                Optional<Tenant> picked = tenancy.tenantById(authSession.getClientNote(OrganizationModel.ORGANIZATION_ATTRIBUTE))
                        .filter(tenants::contains);
                return picked.<Decision>map(Activate::new).orElseGet(() -> new Choose(tenants));
        }
    }

    /** Makes the tenant the login's active tenant (the public activation every module uses). */
    static void activate(AuthenticationFlowContext context, Tenant tenant) {
        context.getSession().getProvider(TenancyProvider.class).activate(context, tenant);
    }

    /** Records a refusal as a LOGIN_ERROR event (not as a failed credential: it must not lock the account). */
    static void recordRefusal(AuthenticationFlowContext context, Refuse refusal) {
        if (refusal.requestedAlias() != null) {
            context.getEvent().detail(TenancyEvents.REQUESTED_TENANT, truncate(refusal.requestedAlias()));
        }
        context.getEvent().error(TenancyEvents.ERROR_TENANT_NOT_ALLOWED);
    }

    static List<Map<String, String>> choices(List<Tenant> tenants) {
        return tenants.stream().map(t -> Map.of("alias", t.alias(), "name", t.name())).toList();
    }

    private static String truncate(String alias) {
        return alias.length() <= MAX_ALIAS_IN_EVENT ? alias : alias.substring(0, MAX_ALIAS_IN_EVENT);
    }
}
