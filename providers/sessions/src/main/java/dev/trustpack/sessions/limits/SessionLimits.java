package dev.trustpack.sessions.limits;

import java.util.Optional;

import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.sessions.policy.SessionPolicy;
import dev.trustpack.tenancy.policy.EffectivePolicy;
import dev.trustpack.tenancy.policy.PolicySource;

/**
 * The idle and absolute limits of one SSO session, in seconds, as the policy of the tenants it was used for sets them:
 * the strictest of each (a session used for two tenants lives by the shorter limits of the two).
 */
public record SessionLimits(long idleSeconds, long maxSeconds) {

    /** Why a session ended. */
    public enum Reason {
        IDLE(SessionEndedAudit.IDLE), MAX(SessionEndedAudit.MAX);

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * The limits one tenant's policy sets for a user.
     *
     * @param idleMinutes        the effective {@code sessions.idleMinutes}
     * @param idleSetByPolicy    whether a level of the document set it (false: the module's default)
     * @param maxHours           the effective {@code sessions.maxHours}
     * @param maxSetByPolicy     whether a level of the document set it
     * @param tenantAdmin        whether the user holds a tenant admin role there: their defaults stay within AAL2
     */
    public static SessionLimits of(int idleMinutes, boolean idleSetByPolicy, int maxHours, boolean maxSetByPolicy,
                                   boolean tenantAdmin) {
        int idle = tenantAdmin && !idleSetByPolicy ? Math.min(idleMinutes, SessionPolicy.AAL2_IDLE_MINUTES) : idleMinutes;
        int max = tenantAdmin && !maxSetByPolicy ? Math.min(maxHours, SessionPolicy.AAL2_MAX_HOURS) : maxHours;
        return new SessionLimits(idle * 60L, max * 3600L);
    }

    /**
     * The limits an effective policy (one tenant's, for one user) sets; AAL2 defaults for that tenant's admins where no
     * level of the document set a value.
     */
    public static SessionLimits of(EffectivePolicy policy, boolean tenantAdmin) {
        return of(policy.value(SessionPolicy.SECTION, SessionPolicy.IDLE_MINUTES),
                !PolicySource.DEFAULT.equals(policy.source(SessionPolicy.SECTION, SessionPolicy.IDLE_MINUTES)),
                policy.value(SessionPolicy.SECTION, SessionPolicy.MAX_HOURS_FIELD),
                !PolicySource.DEFAULT.equals(policy.source(SessionPolicy.SECTION, SessionPolicy.MAX_HOURS_FIELD)),
                tenantAdmin);
    }

    /** The stricter of two limits, field by field. */
    public SessionLimits stricter(SessionLimits other) {
        return other == null ? this
                : new SessionLimits(Math.min(idleSeconds, other.idleSeconds), Math.min(maxSeconds, other.maxSeconds));
    }

    /**
     * Whether a session started at {@code started} and last used at {@code lastUse} (epoch seconds) has ended at
     * {@code now}, and why. The absolute limit wins when both passed.
     */
    public Optional<Reason> ended(long started, long lastUse, long now) {
        if (now - started > maxSeconds) {
            return Optional.of(Reason.MAX);
        }
        if (now - lastUse > idleSeconds) {
            return Optional.of(Reason.IDLE);
        }
        return Optional.empty();
    }

    /** The moment (epoch seconds) the session ends if it is not used again: no token may outlive it. */
    public long endsAt(long started, long lastUse) {
        return Math.min(started + maxSeconds, lastUse + idleSeconds);
    }
}
