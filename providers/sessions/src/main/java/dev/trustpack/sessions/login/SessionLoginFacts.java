package dev.trustpack.sessions.login;

import java.util.List;

import dev.trustpack.sessions.limits.SessionLimits;
import dev.trustpack.sessions.policy.SessionPolicy;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.login.LoginFact;
import dev.trustpack.tenancy.login.LoginFactContext;
import dev.trustpack.tenancy.login.LoginFactProviderFactory;
import dev.trustpack.tenancy.policy.EffectivePolicy;

/**
 * The login footer states the idle limit that applies: the stricter of the realm's own SSO idle timeout and the
 * policy's (realm floor before sign-in; the tenant's policy for the signed-in user after, with the AAL2 defaults of
 * tenant admins). Nothing is stated where "remember me" may extend the session past it.
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
            EffectivePolicy policy = tenancy.policies().of(tenant, user);
            if (rememberMeMayExtend(context, policy)) {
                return List.of();
            }
            SessionLimits limits = SessionLimits.of(policy, tenancy.isTenantAdmin(tenant, user));
            return List.of(LoginFact.of(IDLE_TENANT, tenant.name(), minutes(realmIdle, limits)));
        }
        EffectivePolicy floor = tenancy.policies().realm();
        if (rememberMeMayExtend(context, floor)) {
            return List.of();
        }
        return List.of(LoginFact.of(IDLE, minutes(realmIdle, SessionLimits.of(floor, false))));
    }

    /**
     * Where the realm offers "remember me" and the policy lets it extend the limits, a remembered session lives by the
     * realm's remember-me times: a flat idle limit would not be true for it, so none is stated.
     */
    private static boolean rememberMeMayExtend(LoginFactContext context, EffectivePolicy policy) {
        return context.realm().isRememberMe() && policy.value(SessionPolicy.SECTION, SessionPolicy.REMEMBER_ME);
    }

    /** Whole minutes of the stricter idle limit; a realm idle timeout of 0 is Keycloak's "not set". */
    private static long minutes(long realmIdleSeconds, SessionLimits limits) {
        long idle = realmIdleSeconds > 0 ? Math.min(realmIdleSeconds, limits.idleSeconds()) : limits.idleSeconds();
        return Math.max(1, idle / 60);
    }
}
