package dev.trustpack.argon2.legacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * fixtures/legacy-hashes.tsv: hashes made by the reference implementations (argon2 CLI, htpasswd, Python bcrypt,
 * Python hashlib in Django's format) by fixtures/generate.sh, for the passwords below.
 */
public final class LegacyHashFixtures {

    public static final Map<String, String> PASSWORDS = Map.of(
            "ascii", "correct horse battery staple",
            "unicode", "pässwörd ünïcødé ✓");

    public record Fixture(String format, String passwordId, String hash) {

        public String password() {
            return PASSWORDS.get(passwordId);
        }
    }

    private LegacyHashFixtures() {
    }

    public static List<Fixture> all() {
        List<Fixture> fixtures = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                LegacyHashFixtures.class.getResourceAsStream("/fixtures/legacy-hashes.tsv"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] columns = line.split("\t");
                fixtures.add(new Fixture(columns[0], columns[1], columns[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures;
    }
}
