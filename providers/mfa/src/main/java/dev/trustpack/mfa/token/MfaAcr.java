package dev.trustpack.mfa.token;

import java.util.Set;

import dev.trustpack.mfa.factor.Factor;

/**
 * The {@code acr} values Trustpack puts in tokens, and that a relying party may demand with {@code acr_values}
 * (docs/mfa.md, "acr and amr").
 */
public final class MfaAcr {

    /** One factor (a password, or an SSO session that never completed a second factor). */
    public static final String SINGLE_FACTOR = "pwd";
    /** A second factor was completed in this SSO session. */
    public static final String MFA = "mfa";
    /** A security key or passkey was used in this SSO session. */
    public static final String PHISHING_RESISTANT = "phr";

    private MfaAcr() {
    }

    public static String of(Set<Factor> proven) {
        if (proven.stream().anyMatch(Factor::phishingResistant)) {
            return PHISHING_RESISTANT;
        }
        return proven.isEmpty() ? SINGLE_FACTOR : MFA;
    }
}
