package dev.trustpack.mfa.login;

import org.keycloak.models.ClientModel;

/**
 * A realm admin's mark on a client that cannot do MFA (an old integration using the password grant): its password
 * grants, and their refreshes, pass without a second factor. Shown by the MFA report, audited at each use.
 */
public final class LegacyExemption {

    /** Client attribute; only the value {@code true} exempts. Setting it needs manage-clients. */
    public static final String ATTRIBUTE = "trustpack.mfa.legacy-exempt";

    private LegacyExemption() {
    }

    public static boolean of(ClientModel client) {
        return client != null && "true".equals(client.getAttribute(ATTRIBUTE));
    }
}
