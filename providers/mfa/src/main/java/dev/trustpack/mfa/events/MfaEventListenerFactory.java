package dev.trustpack.mfa.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.trustpack.common.config.IntSetting;
import dev.trustpack.common.events.GlobalListenerFactory;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Event listener {@code trustpack-mfa}, global (on in every realm: what it records are facts the MFA policy
 * depends on, not an optional log). Server option
 * {@code --spi-events-listener--trustpack-mfa--reset-grace-hours} (default 24, 0 to 168; 0 forces set-up at the next
 * sign-in).
 */
public final class MfaEventListenerFactory extends GlobalListenerFactory {

    public static final String ID = "trustpack-mfa";

    static final IntSetting RESET_GRACE_HOURS = new IntSetting("reset-grace-hours", "Grace after an admin reset (hours)",
            "After an admin removes a user's second factor, hours during which the user may sign in and postpone "
                    + "setting up a new one; 0 forces set-up at the next sign-in", 24, 0, 168);

    private Duration resetGrace;

    public MfaEventListenerFactory() {
        super(ID, List.of(RESET_GRACE_HOURS));
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new MfaEventListener(session, resetGrace);
    }

    @Override
    public void init(Config.Scope config) {
        resetGrace = Duration.ofHours(RESET_GRACE_HOURS.read(config));
    }

    @Override
    protected Map<String, String> describeSettings() {
        return Map.of(RESET_GRACE_HOURS.key(), String.valueOf(resetGrace.toHours()));
    }
}
