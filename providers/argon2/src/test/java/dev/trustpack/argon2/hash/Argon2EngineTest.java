package dev.trustpack.argon2.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.trustpack.argon2.legacy.LegacyHashFixtures;
import org.junit.jupiter.api.Test;

/** The native engine (libargon2 through argon2-jvm) against values made by reference implementations. */
class Argon2EngineTest {

    private final Argon2Runtime runtime = TestRuntimes.standard();

    @Test
    void reproducesTheRfc9106Argon2idTestVector() throws Exception {
        byte[] tag = runtime.engine().hash(Argon2Type.ARGON2ID, 0x13, new Argon2Cost(32, 3, 4), Argon2Runtime.filled(32, 1),
                Argon2Runtime.filled(16, 2), Argon2Runtime.filled(8, 3), Argon2Runtime.filled(12, 4), 32, "test", "hash");
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
        runtime.selfTest();
    }

    @Test
    void verifiesHashesMadeByTheReferenceCliAndRejectsWrongPasswords() throws Exception {
        for (LegacyHashFixtures.Fixture fixture : LegacyHashFixtures.all()) {
            if (!fixture.format().equals("phc-argon2")) {
                continue;
            }
            PhcArgon2 phc = PhcArgon2.parse(fixture.hash(), TestRuntimes.LIMITS);
            assertThat(runtime.engine().matches(phc, fixture.password().getBytes(StandardCharsets.UTF_8), "test"))
                    .as("%s %s", fixture.hash().substring(0, 30), fixture.passwordId()).isTrue();
            assertThat(runtime.engine().matches(phc, (fixture.password() + "x").getBytes(StandardCharsets.UTF_8), "test"))
                    .isFalse();
        }
    }

    @Test
    void normalizationMakesComposedAndDecomposedFormsEqual() {
        String composed = "caf\u00e9";
        String decomposed = "cafe\u0301";
        assertThat(Passwords.normalized(composed)).isEqualTo(Passwords.normalized(decomposed));
        assertThat(Passwords.asTyped(composed)).isNotEqualTo(Passwords.asTyped(decomposed));
    }

    @Test
    void utf8LengthCountsBytesNotCharacters() {
        for (String password : new String[] {"", "ascii", "pässwörd", "✓✓✓", "emoji 😀😀", "x".repeat(1025)}) {
            assertThat(Passwords.utf8Length(password)).as(password)
                    .isEqualTo(password.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
