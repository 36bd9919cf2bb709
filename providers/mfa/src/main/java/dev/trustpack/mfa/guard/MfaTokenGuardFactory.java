package dev.trustpack.mfa.guard;

import dev.trustpack.common.clientpolicy.ExecutorFactory;

/**
 * Client-policy executor "Trustpack: no token without the required MFA". Put it in a client profile applied by an
 * {@code any-client} policy (the demo realm does; docs/mfa.md shows the JSON).
 */
public final class MfaTokenGuardFactory extends ExecutorFactory {

    public static final String ID = "trustpack-mfa-token-guard";

    public MfaTokenGuardFactory() {
        super(ID, "Refuses (invalid_grant) every token for an SSO session that has not met its user's MFA policy: "
                + "authorization code, refresh, device, CIBA, password, JWT authorization grant and token exchange.",
                MfaTokenGuard::new);
    }
}
