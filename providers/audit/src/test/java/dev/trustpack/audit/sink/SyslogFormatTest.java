package dev.trustpack.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.audit.record.Canonical;
import dev.trustpack.audit.record.ChainHash;
import dev.trustpack.audit.record.SealedRecord;
import org.junit.jupiter.api.Test;

class SyslogFormatTest {

    /** RFC 5424 HEADER and one SD-ELEMENT, then MSG. */
    private static final Pattern RFC5424 = Pattern.compile("<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)"
            + " ([!-~]{1,255}) ([!-~]{1,48}) ([!-~]{1,128}) ([!-~]{1,32}) (\\[[^ ]+(?: [^=\\s\\]\"]+=\"(?:[^\"\\\\\\]]|\\\\[\"\\\\\\]])*\")*\\]) (.*)",
            Pattern.DOTALL);

    private final SyslogFormat format = new SyslogFormat(10, "kc-node-1", "keycloak", "4242", "trustpack@32473");

    private static SealedRecord record(String username, String outcome) {
        String payload = Canonical.write(Map.of("id", "rec-1", "time", "2025-11-22T08:26:40.123Z",
                "type", "dev.trustpack.audit.user.login_error", "realm", Map.of("id", "r", "name", "acme"),
                "user", Map.of("id", "u-1", "username", username), "outcome", outcome, "ip", "127.0.0.1"));
        return new SealedRecord("rec-1", 7, "r", null, 1_763_800_000_123L, "dev.trustpack.audit.user.login_error",
                payload, ChainHash.GENESIS, ChainHash.of(ChainHash.GENESIS, 7, payload));
    }

    @Test
    void aRecordIsAnRfc5424MessageWithUtcTimestampAndStructuredData() {
        String message = format.message(record("alice", "failure"));

        Matcher parts = RFC5424.matcher(message);
        assertThat(parts.matches()).as(message).isTrue();
        assertThat(parts.group(1)).isEqualTo(String.valueOf(10 * 8 + 4));
        assertThat(parts.group(2)).isEqualTo("2025-11-22T08:26:40.123Z");
        assertThat(parts.group(3)).isEqualTo("kc-node-1");
        assertThat(parts.group(4)).isEqualTo("keycloak");
        assertThat(parts.group(5)).isEqualTo("4242");
        assertThat(parts.group(6)).isEqualTo("user.login_error");
        assertThat(parts.group(7)).startsWith("[trustpack@32473 id=\"rec-1\" seq=\"7\" realm=\"acme\"")
                .contains("username=\"alice\"", "outcome=\"failure\"", "hash=\"");
        assertThat(Canonical.read(parts.group(8)).path("data").path("id").asText()).isEqualTo("rec-1");
    }

    @Test
    void successIsInformational() {
        assertThat(format.message(record("alice", "success"))).startsWith("<86>1 ");
    }

    @Test
    void userInputCannotBreakTheLineOrForgeStructuredData() {
        String hostile = "eve\"] [forged@1 x=\"y\"]\n<13>1 fake\\";

        String message = format.message(record(hostile, "failure"));

        assertThat(message).doesNotContain("\n").doesNotContain("\r");
        assertThat(RFC5424.matcher(message).matches()).as(message).isTrue();
        assertThat(message).contains("username=\"eve\\\"\\] [forged@1 x=\\\"y\\\"\\]\\\\u000A<13>1 fake\\\\\"");
        assertThat(message.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void headerFieldsArePrintableAsciiOrNil() {
        assertThat(SyslogFormat.header(null, 10)).isEqualTo("-");
        assertThat(SyslogFormat.header("a b\tc", 10)).isEqualTo("abc");
        assertThat(SyslogFormat.header("x".repeat(100), 48)).hasSize(48);
    }
}
