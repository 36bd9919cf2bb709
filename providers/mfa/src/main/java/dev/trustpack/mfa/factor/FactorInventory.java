package dev.trustpack.mfa.factor;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;

/** Which factors a user has, and which this realm can set up. */
public final class FactorInventory {

    private FactorInventory() {
    }

    public static Set<Factor> enrolled(UserModel user) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        user.credentialManager().getStoredCredentialsStream()
                .forEach(credential -> Factor.byCredentialType(credential.getType()).ifPresent(factors::add));
        return factors;
    }

    public static Set<String> credentialIds(UserModel user, Factor factor) {
        return user.credentialManager().getStoredCredentialsByTypeStream(factor.credentialType())
                .map(credential -> credential.getId()).collect(Collectors.toSet());
    }

    /**
     * A factor is available when the realm has its set-up required action registered and enabled: that is what a
     * realm admin switches to offer it (and Keycloak registers the WebAuthn and recovery-code actions only when
     * their features are on).
     */
    public static Set<Factor> available(RealmModel realm) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        for (Factor factor : Factor.values()) {
            RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(factor.setupAction());
            if (action != null && action.isEnabled()) {
                factors.add(factor);
            }
        }
        return factors;
    }
}
