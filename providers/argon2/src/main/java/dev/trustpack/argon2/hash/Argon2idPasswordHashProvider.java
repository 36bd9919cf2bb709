package dev.trustpack.argon2.hash;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.trustpack.argon2.policy.Argon2PolicyEntries;
import org.jboss.logging.Logger;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * {@code trustpack-argon2id}: Argon2id v=19 over NFC-normalized UTF-8, with the realm's cost (password-policy
 * entries, else the server defaults), stored as a PHC string so the parameters travel with each hash. A credential
 * whose parameters differ from the realm's current ones fails {@link #policyCheck}, so Keycloak re-hashes it at the
 * next successful login.
 */
final class Argon2idPasswordHashProvider implements PasswordHashProvider {

    private static final Logger LOG = Logger.getLogger(Argon2idPasswordHashProvider.class);

    private final KeycloakSession session;
    private final Argon2Runtime runtime;

    Argon2idPasswordHashProvider(KeycloakSession session, Argon2Runtime runtime) {
        this.session = session;
        this.runtime = runtime;
    }

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        if (!Argon2idPasswordHashProviderFactory.ID.equals(credential.getPasswordCredentialData().getAlgorithm())) {
            return false;
        }
        try {
            PhcArgon2 stored = PhcArgon2.parse(credential.getPasswordSecretData().getValue(), runtime.settings().verifyLimits());
            return stored.type() == Argon2Type.ARGON2ID && stored.version() == PhcArgon2.VERSION_13
                    && stored.hash().length == runtime.settings().hashLength()
                    && stored.cost().equals(costFor(policy, policy.getHashIterations()));
        } catch (UnusableHashException e) {
            return false;
        }
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        if (rawPassword == null || rawPassword.isEmpty()) {
            throw new ModelException("An empty password cannot be set");
        }
        if (Passwords.utf8Length(rawPassword) > runtime.settings().maxPasswordBytes()) {
            runtime.metrics().refused(Argon2Metrics.Refusal.TOO_LONG);
            throw new ModelException("Passwords longer than " + runtime.settings().maxPasswordBytes()
                    + " bytes are not accepted");
        }
        RealmModel realm = session.getContext().getRealm();
        Argon2Cost cost = costFor(realm == null ? PasswordPolicy.empty() : realm.getPasswordPolicy(), iterations);
        if (!cost.meetsAsvs()) {
            throw new ModelException("The realm's Argon2 parameters " + cost + " are below the OWASP ASVS 5.0 floor ("
                    + cost.iterations() + " iteration(s) need " + Argon2Cost.asvsMinimumMemoryKiB(cost.iterations())
                    + " KiB); an administrator must raise " + Argon2PolicyEntries.MEMORY_ID + " or "
                    + Argon2PolicyEntries.ITERATIONS_ID);
        }
        byte[] salt = Argon2Engine.randomSalt(runtime.settings().saltLength());
        byte[] password = Passwords.normalized(rawPassword);
        try {
            byte[] hash = runtime.engine().hash(Argon2Type.ARGON2ID, PhcArgon2.VERSION_13, cost, password, salt, null,
                    null, runtime.settings().hashLength(), Argon2idPasswordHashProviderFactory.ID, "hash");
            String phc = new PhcArgon2(Argon2Type.ARGON2ID, PhcArgon2.VERSION_13, cost, salt, hash).format();
            return PasswordCredentialModel.createFromValues(Argon2idPasswordHashProviderFactory.ID, salt,
                    cost.iterations(), Map.of(
                            "memory", List.of(String.valueOf(cost.memoryKiB())),
                            "parallelism", List.of(String.valueOf(cost.parallelism())),
                            "normalization", List.of("NFC")),
                    phc);
        } catch (MemoryBudget.BudgetExceededException e) {
            refused(e);
            throw new ModelException("The server is busy hashing passwords; try again in a moment");
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        if (Passwords.utf8Length(rawPassword) > runtime.settings().maxPasswordBytes()) {
            runtime.metrics().refused(Argon2Metrics.Refusal.TOO_LONG);
            return false;
        }
        PhcArgon2 stored;
        try {
            stored = PhcArgon2.parse(credential.getPasswordSecretData().getValue(), runtime.settings().verifyLimits());
        } catch (UnusableHashException e) {
            runtime.metrics().refused(Argon2Metrics.Refusal.UNUSABLE_HASH);
            LOG.warnf("Refusing stored %s credential %s: %s", Argon2idPasswordHashProviderFactory.ID,
                    credential.getId(), e.getMessage());
            return false;
        }
        byte[] password = Passwords.normalized(rawPassword);
        try {
            return runtime.engine().matches(stored, password, Argon2idPasswordHashProviderFactory.ID);
        } catch (MemoryBudget.BudgetExceededException e) {
            refused(e);
            HashingBusy.mark(session, runtime.settings());
            return false;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        try {
            return "Argon2id:" + PhcArgon2.parse(credential.getPasswordSecretData().getValue(),
                    runtime.settings().verifyLimits()).cost();
        } catch (UnusableHashException e) {
            return "Argon2id:unusable";
        }
    }

    private Argon2Cost costFor(PasswordPolicy policy, int hashIterations) {
        return Argon2PolicyEntries.effectiveCost(policy, hashIterations, runtime.settings().defaultCost());
    }

    private void refused(MemoryBudget.BudgetExceededException e) {
        runtime.metrics().refused(e.timedOut() ? Argon2Metrics.Refusal.BUDGET_TIMEOUT : Argon2Metrics.Refusal.OVER_BUDGET);
        LOG.warnf("Argon2 refused for lack of memory budget: %s", e.getMessage());
    }

    @Override
    public void close() {
    }
}
