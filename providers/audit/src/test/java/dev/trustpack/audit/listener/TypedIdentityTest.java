package dev.trustpack.audit.listener;

import static org.assertj.core.api.Assertions.assertThat;

import javax.crypto.Mac;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What an unknown user typed is kept only as a keyed hash")
class TypedIdentityTest {

    @Test
    @DisplayName("given the same typed text twice, when hashed, then the hashes match and hold none of the text")
    void correlatesWithoutReading() throws Exception {
        Mac mac = TypedIdentity.macFor("realm-secret-of-32-bytes-or-more!".getBytes());

        String first = TypedIdentity.hash(mac, "S3cret-Passw0rd!x");
        String again = TypedIdentity.hash(mac, "S3cret-Passw0rd!x");
        String other = TypedIdentity.hash(mac, "S3cret-Passw0rd!y");

        assertThat(first).matches("hmac:[0-9a-f]{32}").isEqualTo(again).isNotEqualTo(other);
        assertThat(first).doesNotContain("S3cret");
    }

    @Test
    @DisplayName("given another realm's key, when hashed, then the hash differs (no cross-realm dictionary)")
    void keyedPerRealm() throws Exception {
        assertThat(TypedIdentity.hash(TypedIdentity.macFor("realm-one-secret-32-bytes-long-xx".getBytes()), "alice"))
                .isNotEqualTo(TypedIdentity.hash(TypedIdentity.macFor("realm-two-secret-32-bytes-long-xx".getBytes()),
                        "alice"));
    }

    @Test
    @DisplayName("given no realm key, when hashed, then the value is withheld")
    void noKey() {
        assertThat(TypedIdentity.hash(null, "anything")).isEqualTo(TypedIdentity.WITHHELD);
    }
}
