package dev.trustpack.argon2.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhcArgon2Test {

    private static final String CLI_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0MDAwMQ$0VWIdsxMTeqsBIPPnUige09yViwVni7lQLEinvmk6hk";

    @Test
    void parsesAndFormatsAPhcStringFromTheReferenceCli() throws Exception {
        PhcArgon2 phc = PhcArgon2.parse(CLI_HASH, TestRuntimes.LIMITS);
        assertThat(phc.type()).isEqualTo(Argon2Type.ARGON2ID);
        assertThat(phc.version()).isEqualTo(0x13);
        assertThat(phc.cost()).isEqualTo(new Argon2Cost(19456, 2, 1));
        assertThat(new String(phc.salt())).isEqualTo("saltsaltsalt0001");
        assertThat(phc.hash()).hasSize(32);
        assertThat(phc.format()).isEqualTo(CLI_HASH);
    }

    @Test
    void aMissingVersionMeansVersion16() throws Exception {
        PhcArgon2 phc = PhcArgon2.parse("$argon2i$m=8192,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", TestRuntimes.LIMITS);
        assertThat(phc.version()).isEqualTo(0x10);
    }

    @Test
    void absurdParametersAreRefusedFromTheDigitsAlone() {
        assertThatThrownBy(() -> PhcArgon2.parse("$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
                TestRuntimes.LIMITS)).isInstanceOf(UnusableHashException.class)
                .hasMessage("Argon2 parameters refused: memory 4194304 KiB exceeds the limit of 262144 KiB");
        assertThatThrownBy(() -> PhcArgon2.parse("$argon2id$v=19$m=19456,t=5000000,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
                TestRuntimes.LIMITS)).hasMessageContaining("iterations 5000000 exceed the limit of 64");
        assertThatThrownBy(() -> PhcArgon2.parse("$argon2id$v=19$m=19456,t=2,p=9999999999$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
                TestRuntimes.LIMITS)).hasMessageContaining("parallelism 9999999999 exceeds");
    }

    @Test
    void malformedStringsAreRefusedWithoutEchoingThem() {
        for (String bad : new String[] {null, "", "argon2id$v=19$m=1,t=1,p=1$x$y", "$argon2x$v=19$m=8192,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=19$m=8192,t=2,p=1,keyid=abc$c2FsdHNhbHRzYWx0$aGFzaGhhc2g", "$argon2id$v=20$m=8192,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g",
            "$argon2id$v=19$m=8192,t=0,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2g"}) {
            assertThatThrownBy(() -> PhcArgon2.parse(bad, TestRuntimes.LIMITS)).as(String.valueOf(bad))
                    .isInstanceOf(UnusableHashException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2FsdHNhbHRzYWx0"));
        }
    }

    @Test
    void theAsvsRowsAreTheOnesOfTheRequirements() {
        assertThat(new Argon2Cost(47104, 1, 1).meetsAsvs()).isTrue();
        assertThat(new Argon2Cost(47103, 1, 1).meetsAsvs()).isFalse();
        assertThat(new Argon2Cost(19456, 2, 1).meetsAsvs()).isTrue();
        assertThat(new Argon2Cost(19455, 2, 1).meetsAsvs()).isFalse();
        assertThat(new Argon2Cost(12288, 3, 1).meetsAsvs()).isTrue();
        assertThat(new Argon2Cost(12287, 5, 1).meetsAsvs()).isFalse();
        assertThat(new Argon2Cost(7168, 5, 1).meetsAsvs()).as("Keycloak's own default").isFalse();
    }
}
