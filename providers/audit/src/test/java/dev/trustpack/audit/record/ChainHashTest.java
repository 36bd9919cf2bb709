package dev.trustpack.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ChainHashTest {

    @Test
    void isSha256OverPreviousHashSequenceAndPayload() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((ChainHash.GENESIS + "\n1\n{\"id\":\"a\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(ChainHash.of(ChainHash.GENESIS, 1, "{\"id\":\"a\"}")).isEqualTo(expected).hasSize(64);
    }

    @Test
    void everyInputChangesTheHash() {
        String base = ChainHash.of(ChainHash.GENESIS, 1, "{}");

        assertThat(ChainHash.of(ChainHash.GENESIS, 2, "{}")).isNotEqualTo(base);
        assertThat(ChainHash.of(ChainHash.GENESIS, 1, "{ }")).isNotEqualTo(base);
        assertThat(ChainHash.of(base, 1, "{}")).isNotEqualTo(base);
    }

    @Test
    void comparisonNeedsBothHashes() {
        String hash = ChainHash.of(ChainHash.GENESIS, 1, "{}");

        assertThat(ChainHash.same(hash, new String(hash))).isTrue();
        assertThat(ChainHash.same(hash, ChainHash.GENESIS)).isFalse();
        assertThat(ChainHash.same(hash, null)).isFalse();
        assertThat(ChainHash.same(null, null)).isFalse();
    }
}
