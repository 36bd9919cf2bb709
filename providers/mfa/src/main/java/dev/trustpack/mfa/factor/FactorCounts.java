package dev.trustpack.mfa.factor;

import java.util.EnumMap;
import java.util.Map;

import org.keycloak.models.UserModel;

/** How many credentials of each factor a user has. */
public final class FactorCounts {

    private FactorCounts() {
    }

    public static Map<Factor, Long> of(UserModel user) {
        Map<Factor, Long> counts = new EnumMap<>(Factor.class);
        user.credentialManager().getStoredCredentialsStream()
                .forEach(credential -> Factor.byCredentialType(credential.getType())
                        .ifPresent(factor -> counts.merge(factor, 1L, Long::sum)));
        return counts;
    }
}
