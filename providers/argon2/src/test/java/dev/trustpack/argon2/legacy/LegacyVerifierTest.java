package dev.trustpack.argon2.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.argon2.hash.TestRuntimes;
import dev.trustpack.argon2.hash.UnusableHashException;
import org.junit.jupiter.api.Test;

/** Every legacy format, with hashes made by the reference implementations (see fixtures/generate.sh). */
class LegacyVerifierTest {

    private final Argon2Runtime runtime = TestRuntimes.standard();
    private final LegacyVerifier verifier = new LegacyVerifier(TestRuntimes.LIMITS, runtime.engine());

    @Test
    void everyFixtureVerifiesWithItsPasswordAndNotWithAnother() throws Exception {
        List<LegacyHashFixtures.Fixture> fixtures = LegacyHashFixtures.all();
        assertThat(fixtures).extracting(LegacyHashFixtures.Fixture::format).contains("django-pbkdf2-sha256",
                "django-pbkdf2-sha1", "django-argon2", "django-bcrypt-sha256", "bcrypt", "phc-argon2");
        for (LegacyHashFixtures.Fixture fixture : fixtures) {
            LegacyFormat format = LegacyFormat.detect(fixture.hash()).orElseThrow();
            assertThat(format.providerId()).isEqualTo("trustpack-" + fixture.format());
            verifier.checkUsable(format, fixture.hash());
            assertThat(verifier.verify(format, fixture.hash(), fixture.password()))
                    .as("%s / %s", fixture.format(), fixture.passwordId()).isTrue();
            assertThat(verifier.verify(format, fixture.hash(), fixture.password() + " "))
                    .as("wrong password, %s", fixture.format()).isFalse();
            assertThat(verifier.verify(format, fixture.hash(), ""))
                    .as("empty password, %s", fixture.format()).isFalse();
        }
    }

    @Test
    void legacyHashesAreCheckedAgainstThePasswordAsTypedWithoutNormalization() throws Exception {
        LegacyHashFixtures.Fixture unicode = LegacyHashFixtures.all().stream()
                .filter(f -> f.format().equals("django-pbkdf2-sha256") && f.passwordId().equals("unicode"))
                .findFirst().orElseThrow();
        String decomposed = java.text.Normalizer.normalize(unicode.password(), java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(unicode.password());
        assertThat(verifier.verify(LegacyFormat.DJANGO_PBKDF2_SHA256, unicode.hash(), decomposed)).isFalse();
    }

    @Test
    void absurdCostsAreRefusedBeforeAnyWork() {
        assertThatThrownBy(() -> verifier.checkUsable(LegacyFormat.BCRYPT,
                "$2b$31$dgKNFhD.dNUI8sSXl7asnuzl4rpgcAliFAfQaluQn3XoJPnXvyIGO"))
                .isInstanceOf(UnusableHashException.class).hasMessage("bcrypt cost 31 outside 4..16");
        assertThatThrownBy(() -> verifier.verify(LegacyFormat.DJANGO_PBKDF2_SHA256,
                "pbkdf2_sha256$2000000000$salt$xsTRooqqaNafJL0dWAvpGiDiXs8UHk9xITGzsByMOfc=", "x"))
                .hasMessage("PBKDF2 iterations 2000000000 outside 1..5000000");
        assertThatThrownBy(() -> verifier.verify(LegacyFormat.PHC_ARGON2,
                "$argon2id$v=19$m=2097152,t=2,p=1$c2FsdHNhbHRzYWx0MDAwMQ$0VWIdsxMTeqsBIPPnUige09yViwVni7lQLEinvm", "x"))
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void malformedHashesAreRefusedAndDetectionIsByPrefix() {
        assertThat(LegacyFormat.detect("md5$abc")).isEmpty();
        assertThat(LegacyFormat.detect("$1$abc")).isEmpty();
        assertThat(LegacyFormat.detect("$2y$10$x")).contains(LegacyFormat.BCRYPT);
        assertThat(LegacyFormat.detect("argon2$argon2id$v=19")).contains(LegacyFormat.DJANGO_ARGON2);
        assertThatThrownBy(() -> verifier.checkUsable(LegacyFormat.BCRYPT, "$2y$10$tooshort"))
                .isInstanceOf(UnusableHashException.class);
        assertThatThrownBy(() -> verifier.checkUsable(LegacyFormat.DJANGO_PBKDF2_SHA1,
                "pbkdf2_sha256$600000$salt$xsTRooqqaNafJL0dWAvpGiDiXs8UHk9xITGzsByMOfc="))
                .hasMessageContaining("not a Django pbkdf2_sha1 hash");
    }

    @Test
    void bcryptReadsOnlyTheFirst72BytesAsBcryptAlwaysDid() throws Exception {
        String long80 = "a".repeat(80);
        String hash = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2b",
                long80.substring(0, 72).getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[16], 4);
        assertThat(verifier.verify(LegacyFormat.BCRYPT, hash, long80)).isTrue();
    }
}
