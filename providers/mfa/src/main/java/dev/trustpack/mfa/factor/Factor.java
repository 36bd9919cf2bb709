package dev.trustpack.mfa.factor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A second factor as the MFA policy names it, with the Keycloak credential type that stores it, the required action
 * that sets it up, and the RFC 8176 {@code amr} value a token reports for it.
 */
public enum Factor {

    /** Authenticator app (RFC 6238). */
    TOTP("totp", "otp", "CONFIGURE_TOTP", "otp", false),
    /** WebAuthn security key used as a second factor after the password. */
    WEBAUTHN("webauthn", "webauthn", "webauthn-register", "hwk", true),
    /** Passkey (discoverable WebAuthn credential with user verification). */
    PASSKEY("passkey", "webauthn-passwordless", "webauthn-register-passwordless", "hwk", true),
    /**
     * Recovery codes: a fallback once another factor is set up, never a factor a user enrols on its own and never
     * phishing-resistant. {@code rc} is Trustpack's own amr value (RFC 8176 registers none for recovery codes).
     */
    RECOVERY("recovery", "recovery-authn-codes", "CONFIGURE_RECOVERY_AUTHN_CODES", "rc", false);

    private final String id;
    private final String credentialType;
    private final String setupAction;
    private final String amr;
    private final boolean phishingResistant;

    Factor(String id, String credentialType, String setupAction, String amr, boolean phishingResistant) {
        this.id = id;
        this.credentialType = credentialType;
        this.setupAction = setupAction;
        this.amr = amr;
        this.phishingResistant = phishingResistant;
    }

    /** The name in the policy document, in form posts and in audit details. */
    public String id() {
        return id;
    }

    public String credentialType() {
        return credentialType;
    }

    /** The Keycloak required action (alias) that sets this factor up. */
    public String setupAction() {
        return setupAction;
    }

    public String amr() {
        return amr;
    }

    public boolean phishingResistant() {
        return phishingResistant;
    }

    /** Whether a user may set this factor up as their second factor (recovery codes only come with one). */
    public boolean enrollable() {
        return this != RECOVERY;
    }

    /** The factors a policy may allow, in the order the login pages offer them. */
    public static List<String> policyOptions() {
        return Arrays.stream(values()).filter(Factor::enrollable).map(Factor::id).toList();
    }

    public static Optional<Factor> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static Optional<Factor> byCredentialType(String type) {
        return Arrays.stream(values()).filter(f -> f.credentialType.equals(type)).findFirst();
    }
}
