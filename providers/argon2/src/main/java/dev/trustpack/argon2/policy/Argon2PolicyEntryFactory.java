package dev.trustpack.argon2.policy;

import dev.trustpack.argon2.hash.Argon2Cost;
import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.argon2.hash.Argon2idPasswordHashProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.policy.PolicyError;

/**
 * A password-policy entry holding one Argon2 cost parameter for the realm. The value is checked against its bounds
 * when the policy is saved (an out-of-range value is refused with the entry named); it takes effect for new hashes,
 * and older hashes are upgraded at their next login.
 */
abstract sealed class Argon2PolicyEntryFactory implements PasswordPolicyProviderFactory, PasswordPolicyProvider
        permits Argon2PolicyEntryFactory.Memory, Argon2PolicyEntryFactory.Iterations,
        Argon2PolicyEntryFactory.Parallelism {

    private final String id;
    private final String displayName;
    private final int min;
    private final int max;
    private Argon2Runtime runtime;

    Argon2PolicyEntryFactory(String id, String displayName, int min, int max) {
        this.id = id;
        this.displayName = displayName;
        this.min = min;
        this.max = max;
    }

    abstract int serverDefault(Argon2Cost defaults);

    /** The largest value this server can use (the memory entry is also bounded by the memory budget). */
    int effectiveMax(Argon2Runtime runtime) {
        return max;
    }

    @Override
    public Object parseConfig(String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new PasswordPolicyConfigException(id + " must be an integer between " + min + " and "
                    + effectiveMax(runtime));
        }
        if (parsed < min || parsed > effectiveMax(runtime)) {
            throw new PasswordPolicyConfigException(id + " must be between " + min + " and " + effectiveMax(runtime)
                    + ", not " + parsed);
        }
        return parsed;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        return null;
    }

    @Override
    public PolicyError validate(String user, String password) {
        return null;
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        runtime = Argon2Runtime.of(factory);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getConfigType() {
        return INT_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return String.valueOf(serverDefault(runtime.settings().defaultCost()));
    }

    @Override
    public boolean isMultiplSupported() {
        return false;
    }

    @Override
    public void close() {
    }

    Argon2Runtime runtime() {
        return runtime;
    }

    /**
     * Memory (KiB). Also where the cost as a whole is checked against the OWASP ASVS 5.0 floor when a password is set
     * in a realm that hashes with trustpack-argon2id (the entries are saved one by one, so the combination can only
     * be checked at use).
     */
    public static final class Memory extends Argon2PolicyEntryFactory {

        public Memory() {
            super(Argon2PolicyEntries.MEMORY_ID, "Trustpack Argon2 memory (KiB)", 8192, 4194304);
        }

        @Override
        int serverDefault(Argon2Cost defaults) {
            return defaults.memoryKiB();
        }

        @Override
        int effectiveMax(Argon2Runtime runtime) {
            return Math.min(4194304, runtime.settings().memoryBudgetKiB());
        }

        @Override
        public PolicyError validate(RealmModel realm, UserModel user, String password) {
            if (!Argon2idPasswordHashProviderFactory.ID.equals(realm.getPasswordPolicy().getHashAlgorithm())) {
                return null;
            }
            Argon2Cost cost = Argon2PolicyEntries.effectiveCost(realm.getPasswordPolicy(),
                    realm.getPasswordPolicy().getHashIterations(), runtime().settings().defaultCost());
            return cost.meetsAsvs() ? null : new PolicyError("trustpackArgon2BelowAsvs", cost.toString(),
                    Argon2Cost.asvsMinimumMemoryKiB(cost.iterations()));
        }
    }

    /** Passes. */
    public static final class Iterations extends Argon2PolicyEntryFactory {

        public Iterations() {
            super(Argon2PolicyEntries.ITERATIONS_ID, "Trustpack Argon2 iterations", 1, 64);
        }

        @Override
        int serverDefault(Argon2Cost defaults) {
            return defaults.iterations();
        }
    }

    /** Lanes. */
    public static final class Parallelism extends Argon2PolicyEntryFactory {

        public Parallelism() {
            super(Argon2PolicyEntries.PARALLELISM_ID, "Trustpack Argon2 parallelism", 1, 16);
        }

        @Override
        int serverDefault(Argon2Cost defaults) {
            return defaults.parallelism();
        }
    }
}
