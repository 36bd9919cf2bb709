package dev.trustpack.sessions.policy;

import java.util.List;

import dev.trustpack.tenancy.policy.FlagField;
import dev.trustpack.tenancy.policy.IntField;
import dev.trustpack.tenancy.policy.PolicySection;

/**
 * The {@code sessions} section of the tenant policy document: how long an SSO session may sit idle and how long it
 * may live, per tenant and role, strictest wins. Tenancy stores and merges it; this module enforces it on the SSO
 * session itself.
 */
public final class SessionPolicy {

    /** 30 days: the most a policy may allow, and the default, so that without a policy Keycloak's realm limits rule. */
    public static final int MAX_IDLE_MINUTES = 43_200;
    /** One year. */
    public static final int MAX_HOURS = 8_760;

    /** NIST SP 800-63B AAL2 reauthentication limits, the defaults for tenant admin roles (see {@code SessionLimits}). */
    public static final int AAL2_IDLE_MINUTES = 60;
    public static final int AAL2_MAX_HOURS = 24;

    public static final IntField IDLE_MINUTES = IntField.lowerIsStricter("idleMinutes",
            "Minutes an SSO session may go unused before it ends (refresh, cookie SSO, userinfo and introspection "
                    + "all count as use; a refresh keeps it alive)", MAX_IDLE_MINUTES, 1, MAX_IDLE_MINUTES);

    public static final IntField MAX_HOURS_FIELD = IntField.lowerIsStricter("maxHours",
            "Hours after sign-in at which the SSO session ends, however active", MAX_HOURS, 1, MAX_HOURS);

    public static final FlagField REMEMBER_ME = FlagField.falseIsStricter("rememberMe",
            "Whether 'remember me' may extend these limits to the realm's remember-me limits", false);

    public static final PolicySection SECTION = new PolicySection("sessions",
            "Session timeouts: idle and absolute limits of the SSO session, and whether remember-me extends them",
            List.of(IDLE_MINUTES, MAX_HOURS_FIELD, REMEMBER_ME));

    private SessionPolicy() {
    }
}
