package dev.trustpack.argon2.importer;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.argon2.hash.UnusableHashException;
import dev.trustpack.argon2.hash.VerifyLimits;
import dev.trustpack.argon2.legacy.LegacyFormat;
import dev.trustpack.argon2.legacy.LegacyVerifier;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The password of an imported user: a hash string in one of the {@link LegacyFormat}s, or Keycloak's own PBKDF2
 * credential ({@code {"algorithm": "pbkdf2-sha256", "iterations": 27500, "salt": "<base64>", "hash": "<base64>"}},
 * as another Keycloak exports it). Validated completely before anything is stored; errors never quote the hash.
 */
final class ImportedHash {

    private static final Set<String> KEYCLOAK_ALGORITHMS = Set.of("pbkdf2", "pbkdf2-sha256", "pbkdf2-sha512");
    private static final Set<String> KEYCLOAK_FIELDS = Set.of("algorithm", "iterations", "salt", "hash");

    private ImportedHash() {
    }

    static PasswordCredentialModel toCredential(JsonNode password, LegacyVerifier verifier, VerifyLimits limits)
            throws ImportedUser.ImportProblem {
        if (password.isTextual()) {
            return fromHashString(password.asText(), verifier);
        }
        if (password.isObject()) {
            return fromKeycloakCredential(password, limits);
        }
        throw new ImportedUser.ImportProblem("password must be a hash string or a Keycloak credential object");
    }

    private static PasswordCredentialModel fromHashString(String hash, LegacyVerifier verifier)
            throws ImportedUser.ImportProblem {
        LegacyFormat format = LegacyFormat.detect(hash).orElseThrow(() -> new ImportedUser.ImportProblem(
                "password: unsupported hash format; supported are Django pbkdf2_sha256$, pbkdf2_sha1$, argon2$, "
                        + "bcrypt_sha256$, bcrypt $2a$/$2b$/$2y$, PHC $argon2id$/$argon2i$/$argon2d$, or a Keycloak "
                        + "PBKDF2 credential object"));
        try {
            verifier.checkUsable(format, hash);
        } catch (UnusableHashException e) {
            throw new ImportedUser.ImportProblem("password: " + e.getMessage());
        }
        return PasswordCredentialModel.createFromValues(format.providerId(), new byte[0], 0,
                Map.of("format", List.of(format.name())), hash);
    }

    private static PasswordCredentialModel fromKeycloakCredential(JsonNode credential, VerifyLimits limits)
            throws ImportedUser.ImportProblem {
        for (var names = credential.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYCLOAK_FIELDS.contains(name)) {
                throw new ImportedUser.ImportProblem("unknown field 'password." + ImportedUser.truncate(name) + "'");
            }
        }
        String algorithm = credential.path("algorithm").asText("");
        if (!KEYCLOAK_ALGORITHMS.contains(algorithm)) {
            throw new ImportedUser.ImportProblem("password.algorithm must be one of " + KEYCLOAK_ALGORITHMS);
        }
        JsonNode iterations = credential.get("iterations");
        if (iterations == null || !iterations.canConvertToInt() || iterations.asInt() < 1
                || iterations.asInt() > limits.maxPbkdf2Iterations()) {
            throw new ImportedUser.ImportProblem("password.iterations must be an integer between 1 and "
                    + limits.maxPbkdf2Iterations());
        }
        byte[] salt = base64(credential, "salt");
        byte[] hash = base64(credential, "hash");
        if (salt.length == 0 || hash.length < 16) {
            throw new ImportedUser.ImportProblem("password.salt and password.hash must not be empty");
        }
        return PasswordCredentialModel.createFromValues(algorithm, salt, iterations.asInt(),
                Base64.getEncoder().encodeToString(hash));
    }

    private static byte[] base64(JsonNode credential, String field) throws ImportedUser.ImportProblem {
        JsonNode value = credential.get(field);
        if (value == null || !value.isTextual()) {
            throw new ImportedUser.ImportProblem("password." + field + " must be a Base64 string");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new ImportedUser.ImportProblem("password." + field + " is not valid Base64");
        }
    }
}
