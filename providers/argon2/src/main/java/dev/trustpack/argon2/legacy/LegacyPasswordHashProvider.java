package dev.trustpack.argon2.legacy;

import dev.trustpack.argon2.hash.Argon2Metrics;
import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.argon2.hash.Argon2idPasswordHashProviderFactory;
import dev.trustpack.argon2.hash.HashingBusy;
import dev.trustpack.argon2.hash.MemoryBudget;
import dev.trustpack.argon2.hash.Passwords;
import dev.trustpack.argon2.hash.UnusableHashException;
import org.jboss.logging.Logger;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Verifies an imported hash of one {@link LegacyFormat}; never produces one. After a correct password Keycloak
 * re-hashes the credential with the realm's algorithm ({@code trustpack-argon2id}), so no legacy hash remains.
 */
final class LegacyPasswordHashProvider implements PasswordHashProvider {

    private static final Logger LOG = Logger.getLogger(LegacyPasswordHashProvider.class);

    private final KeycloakSession session;
    private final LegacyFormat format;
    private final Argon2Runtime runtime;
    private final LegacyVerifier verifier;

    LegacyPasswordHashProvider(KeycloakSession session, LegacyFormat format, Argon2Runtime runtime) {
        this.session = session;
        this.format = format;
        this.runtime = runtime;
        this.verifier = new LegacyVerifier(runtime.settings().verifyLimits(), runtime.engine());
    }

    /** A legacy format is never the target of a realm: always re-hash. */
    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        return false;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        throw new ModelException(format.providerId() + " only verifies imported hashes; hash new passwords with "
                + Argon2idPasswordHashProviderFactory.ID);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        if (Passwords.utf8Length(rawPassword) > runtime.settings().maxPasswordBytes()) {
            runtime.metrics().refused(Argon2Metrics.Refusal.TOO_LONG);
            return false;
        }
        long started = System.nanoTime();
        try {
            boolean valid = verifier.verify(format, credential.getPasswordSecretData().getValue(), rawPassword);
            if (format != LegacyFormat.PHC_ARGON2 && format != LegacyFormat.DJANGO_ARGON2) {
                runtime.metrics().recordTime(format.providerId(), "verify", System.nanoTime() - started);
            }
            return valid;
        } catch (UnusableHashException e) {
            runtime.metrics().refused(Argon2Metrics.Refusal.UNUSABLE_HASH);
            LOG.warnf("Refusing stored %s credential %s: %s", format.providerId(), credential.getId(), e.getMessage());
            return false;
        } catch (MemoryBudget.BudgetExceededException e) {
            runtime.metrics().refused(e.timedOut() ? Argon2Metrics.Refusal.BUDGET_TIMEOUT : Argon2Metrics.Refusal.OVER_BUDGET);
            LOG.warnf("Argon2 refused for lack of memory budget: %s", e.getMessage());
            HashingBusy.mark(session, runtime.settings());
            return false;
        }
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        return format.providerId();
    }

    @Override
    public void close() {
    }
}
