package dev.trustpack.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The reference-made legacy hashes of the argon2 module (providers/argon2/src/test/resources/fixtures, made by
 * generate.sh with the argon2 CLI, htpasswd, Python bcrypt and hashlib), read from the repository.
 */
public final class LegacyFixtures {

    public static final Map<String, String> PASSWORDS = Map.of(
            "ascii", "correct horse battery staple",
            "unicode", "pässwörd ünïcødé ✓");

    private static final Path FILE = Path.of("..", "providers", "argon2", "src", "test", "resources", "fixtures",
            "legacy-hashes.tsv");

    private LegacyFixtures() {
    }

    public record Fixture(String format, String passwordId, String hash) {

        public String password() {
            return PASSWORDS.get(passwordId);
        }

        /** The provider id an imported credential in this format gets. */
        public String algorithm() {
            return "trustpack-" + format;
        }
    }

    public static List<Fixture> all() {
        try {
            return Files.readAllLines(FILE).stream().filter(line -> !line.isBlank()).map(line -> {
                String[] columns = line.split("\t");
                return new Fixture(columns[0], columns[1], columns[2]);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
