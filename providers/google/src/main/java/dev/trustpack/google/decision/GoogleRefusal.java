package dev.trustpack.google.decision;

/**
 * Why a Google sign-in was refused: the reason code in events and audit records, and the message the login page
 * shows (theme-resources). Messages never say more than the person signing in already knows.
 */
public enum GoogleRefusal {

    /** Signature, format or another check of the ID token failed. */
    TOKEN_INVALID("token_invalid", "trustpackGoogleTokenRejected"),
    WRONG_ISSUER("wrong_issuer", "trustpackGoogleTokenRejected"),
    WRONG_AUDIENCE("wrong_audience", "trustpackGoogleTokenRejected"),
    /** {@code exp} passed, missing, too far from {@code iat}, or {@code iat} in the future. */
    TOKEN_TIME("token_time", "trustpackGoogleTokenRejected"),
    /** The nonce does not match this login's, or was used before. */
    NONCE("nonce_invalid", "trustpackGoogleTokenRejected"),
    EMAIL_UNVERIFIED("email_unverified", "trustpackGoogleEmailUnverified"),
    /** No {@code hd}, and the realm does not allow personal accounts. */
    PERSONAL_ACCOUNT("personal_account", "trustpackGooglePersonalAccount"),
    /** An {@code hd} that no tenant owns as a verified domain, and the realm does not allow personal accounts. */
    UNKNOWN_DOMAIN("unknown_domain", "trustpackGoogleUnknownDomain"),
    /** The tenant's policy does not allow Google sign-in. */
    NOT_ALLOWED("not_allowed", "trustpackGoogleNotAllowed"),
    /** No account yet, and the tenant does not create accounts just in time. */
    NO_ACCOUNT("no_account", "trustpackGoogleNoAccount"),
    /** The tenant is SSO only, and this login did not come through Google. */
    SSO_REQUIRED("sso_required", "trustpackGoogleRequired"),
    /** The tenant is SSO only, and the Google account is of a domain the tenant does not own. */
    SSO_DOMAIN("sso_domain_mismatch", "trustpackGoogleRequired"),
    /** Token exchange or a JWT authorization grant with Google tokens: no {@code hd} check could run there. */
    GRANT_NOT_SUPPORTED("grant_not_supported", "trustpackGoogleTokenRejected");

    private final String code;
    private final String messageKey;

    GoogleRefusal(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    /** lower_snake_case, for events and audit records. */
    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }
}
