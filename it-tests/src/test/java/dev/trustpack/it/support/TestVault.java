package dev.trustpack.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory of Keycloak's file vault on the test server ({@code --vault=file --vault-dir=...}). Keycloak reads a
 * secret from the file {@code <realm>_<key>} each time it is needed, so tests can add secrets while it runs.
 */
public final class TestVault {

    private static final Path DIR = Path.of("target", "it-vault").toAbsolutePath();

    private TestVault() {
    }

    public static Path directory() {
        try {
            return Files.createDirectories(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a secret for {@code ${vault.<key>}} in the realm (names without underscores). */
    public static void put(String realm, String key, String secret) {
        if (realm.contains("_") || key.contains("_")) {
            throw new IllegalArgumentException("Keep underscores out of test vault names (Keycloak doubles them)");
        }
        try {
            Files.writeString(directory().resolve(realm + "_" + key), secret, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
