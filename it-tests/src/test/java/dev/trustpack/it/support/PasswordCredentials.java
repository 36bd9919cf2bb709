package dev.trustpack.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.util.JsonSerialization;

/** A user's stored password credential as the admin API shows it: algorithm and parameters, never the hash. */
public final class PasswordCredentials {

    private PasswordCredentials() {
    }

    public record Stored(String id, String algorithm, int iterations, Map<String, List<String>> parameters) {
    }

    public static List<Stored> of(RealmResource realm, String userId) {
        return realm.users().get(userId).credentials().stream()
                .filter(credential -> CredentialRepresentation.PASSWORD.equals(credential.getType()))
                .map(PasswordCredentials::parse)
                .toList();
    }

    public static Stored only(RealmResource realm, String userId) {
        List<Stored> credentials = of(realm, userId);
        assertThat(credentials).as("password credentials of %s", userId).hasSize(1);
        return credentials.get(0);
    }

    /** Waits (the re-hash after a login runs after the login's transaction) until the algorithm is the expected one. */
    public static Stored awaitAlgorithm(RealmResource realm, String userId, String algorithm) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Stored stored = only(realm, userId);
        while (!stored.algorithm().equals(algorithm) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stored = only(realm, userId);
        }
        return stored;
    }

    @SuppressWarnings("unchecked")
    private static Stored parse(CredentialRepresentation credential) {
        try {
            Map<String, Object> data = JsonSerialization.readValue(credential.getCredentialData(), Map.class);
            Object parameters = data.get("additionalParameters");
            return new Stored(credential.getId(), (String) data.get("algorithm"),
                    ((Number) data.getOrDefault("hashIterations", 0)).intValue(),
                    parameters == null ? Map.of() : (Map<String, List<String>>) parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
