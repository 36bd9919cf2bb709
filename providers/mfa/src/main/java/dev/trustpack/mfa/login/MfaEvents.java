package dev.trustpack.mfa.login;

/** Error codes and details the MFA steps put on Keycloak's login events. */
public final class MfaEvents {

    /** Required MFA, but the policy allows no factor this realm can set up. */
    public static final String ERROR_MFA_NOT_POSSIBLE = "trustpack_mfa_not_possible";
    /** A password grant refused because the user's policy requires MFA. */
    public static final String ERROR_MFA_REQUIRED = "trustpack_mfa_required";
    /** Detail on a password grant let through by a client's legacy exemption. */
    public static final String DETAIL_EXEMPTION = "trustpack_mfa_exemption";

    private MfaEvents() {
    }
}
