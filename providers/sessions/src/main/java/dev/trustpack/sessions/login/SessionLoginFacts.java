package dev.trustpack.sessions.login;

import java.util.List;

import dev.trustpack.sessions.limits.SessionLimits;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.login.LoginFact;
import dev.trustpack.tenancy.login.LoginFactContext;
import dev.trustpack.tenancy.login.LoginFactProviderFactory;

/**
 * The login footer states the idle limit that applies: the stricter of the realm's own SSO idle timeout and the
 * policy's (realm floor before sign-in; the tenant's policy for the signed-in user after, with the AAL2 defaults of
 * tenant admins).
 */
public final class SessionLoginFacts extends LoginFactProviderFactory {

    public static final String IDLE = "trustpackFactSessionIdle";
    public static final String IDLE_TENANT = "trustpackFactSessionIdleTenant";

    public SessionLoginFacts() {
        super("trustpack-sessions");
    }

    @Override
    protected List<LoginFact> facts(LoginFactContext context) {
        TenancyProvider tenancy = context.session().getProvider(TenancyProvider.class);
        long realmIdle = context.realm().getSsoSessionIdleTimeout();
        if (context.tenant().isPresent() && context.user().isPresent()) {
            var tenant = context.tenant().get();
            var user = context.user().get();
            SessionLimits limits = SessionLimits.of(tenancy.policies().of(tenant, user), tenancy.isTenantAdmin(tenant, user));
            return List.of(LoginFact.of(IDLE_TENANT, tenant.name(), minutes(realmIdle, limits)));
        }
        return List.of(LoginFact.of(IDLE, minutes(realmIdle, SessionLimits.of(tenancy.policies().realm(), false))));
    }

    /** Whole minutes of the stricter idle limit; a realm idle timeout of 0 is Keycloak's "not set". */
    private static long minutes(long realmIdleSeconds, SessionLimits limits) {
        long idle = realmIdleSeconds > 0 ? Math.min(realmIdleSeconds, limits.idleSeconds()) : limits.idleSeconds();
        return Math.max(1, idle / 60);
    }
}
