package dev.trustpack.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CanonicalTest {

    @Test
    void keysAreSortedAtEveryLevelAndNullsDropped() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", null);
        inner.put("m", "x");
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", inner);
        outer.put("a", "first");

        assertThat(Canonical.write(outer)).isEqualTo("{\"a\":\"first\",\"b\":{\"m\":\"x\",\"z\":1}}");
    }

    @Test
    void outputIsPureAsciiWithControlCharactersDelAndNonAsciiEscaped() {
        String written = Canonical.write(Map.of("v", "a\nb\u0000c\u007fd\u0085e\u2028fé😀"));

        assertThat(written).isEqualTo("{\"v\":\"a\\nb\\u0000c\\u007Fd\\u0085e\\u2028f\\u00E9\\uD83D\\uDE00\"}");
        assertThat(written.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(Canonical.read(written).path("v").asText()).isEqualTo("a\nb\u0000c\u007fd\u0085e\u2028fé😀");
    }

    @Test
    void theSameValueAlwaysGivesTheSameBytes() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("x", 1);
        one.put("y", Map.of("q", "r", "p", "s"));
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("y", Map.of("p", "s", "q", "r"));
        two.put("x", 1);

        assertThat(Canonical.write(one)).isEqualTo(Canonical.write(two));
        assertThat(Canonical.write(Canonical.read(Canonical.write(one)))).isEqualTo(Canonical.write(one));
    }
}
