package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.SyslogReceiver;
import dev.trustpack.it.support.TestPki;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The syslog sink against real receivers on loopback: RFC 5424 over TLS (RFC 5425, the test CA in Keycloak's
 * truststore, host name checked) and over TCP, octet-counted; UTC timestamps; user input escaped.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class SyslogDeliveryIT extends DirectGrantTest {

    /** RFC 5424: PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG. */
    private static final Pattern RFC5424 = Pattern.compile("<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) "
            + "(\\[\\S+(?: [^=\\s\\]\"]+=\"(?:[^\"\\\\\\]]|\\\\[\"\\\\\\]])*\")*\\]) (.*)", Pattern.DOTALL);
    private static final Pattern UTC_TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> sinks = new ArrayList<>();
    private final List<SyslogReceiver> receivers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        sinks.forEach(id -> AuditSinks.remove(demo, id));
        for (SyslogReceiver receiver : receivers) {
            receiver.close();
        }
    }

    @Test
    void overTlsEachRecordIsAnRfc5424MessageWithUtcTimeAndStructuredData() throws Exception {
        SyslogReceiver receiver = receiver(SyslogReceiver.tls(TestPki.get().trustedServer()));
        sink("localhost", receiver.port(), "tls");

        assertThat(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid").status()).isEqualTo(200);
        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);

        String message = receiver.awaitMessage(m -> m.contains(" user.login ") && m.contains("user=\"" + aliceId + "\""),
                WAIT);
        Matcher parts = RFC5424.matcher(message);
        assertThat(parts.matches()).as(message).isTrue();
        assertThat(Integer.parseInt(parts.group(1))).isEqualTo(10 * 8 + 6);
        assertThat(parts.group(2)).matches(UTC_TIMESTAMP);
        assertThat(parts.group(4)).isEqualTo("keycloak");
        assertThat(parts.group(6)).isEqualTo("user.login");
        assertThat(parts.group(7)).startsWith("[trustpack@32473 id=\"").contains("realm=\"" + DemoRealm.NAME + "\"",
                "tenant=\"acme\"", "username=\"alice\"", "outcome=\"success\"", "hash=\"");
        JsonNode event = JSON.readTree(parts.group(8));
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(Instant.parse(parts.group(2))).isEqualTo(Instant.parse(event.path("data").path("time").asText()));
        assertThat(receiver.errors()).isEmpty();
    }

    @Test
    void overPlainTcpWithOctetCounting() throws Exception {
        SyslogReceiver receiver = receiver(SyslogReceiver.tcp());
        sink("127.0.0.1", receiver.port(), "tcp");

        assertThat(client.passwordGrant(DemoRealm.BOB, DemoRealm.PASSWORD, "openid").status()).isEqualTo(200);

        String message = receiver.awaitMessage(m -> m.contains("username=\"bob\"") && m.contains(" user.login "), WAIT);
        assertThat(RFC5424.matcher(message).matches()).as(message).isTrue();
        assertThat(message).contains("tenant=\"globex\"");
        assertThat(receiver.errors()).isEmpty();
    }

    /**
     * Syslog syntax and control characters typed as a username can neither break a line nor forge a field: what an
     * unknown user typed is not even in the record (only its keyed hash), and every value that is goes through the
     * structured-data escaping (unit-tested in SyslogFormatTest).
     */
    @Test
    void syslogSyntaxTypedAsAUsernameCannotForgeAFieldOrALine() throws Exception {
        SyslogReceiver receiver = receiver(SyslogReceiver.tcp());
        sink("127.0.0.1", receiver.port(), "tcp");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String hostile = "eve" + marker + "\"] [forged@1 admin=\"yes\"]\n<13>1 2026-01-01T00:00:00Z x - - - injected";

        assertThat(client.passwordGrant(hostile, "wrong-password", "openid").status()).isEqualTo(400);

        String message = receiver.awaitMessage(m -> m.contains(" user.login_error ")
                && m.contains("error=\"user_not_found\""), WAIT);
        Matcher parts = RFC5424.matcher(message);
        assertThat(parts.matches()).as(message).isTrue();
        assertThat(message).doesNotContain("\n").doesNotContain("\r").doesNotContain(marker)
                .doesNotContain("forged@1").doesNotContain("injected");
        assertThat(JSON.readTree(parts.group(8)).path("data").path("details").path("username").asText())
                .matches("hmac:[0-9a-f]{32}");
        assertThat(receiver.messages().stream().filter(m -> m.contains("injected") || m.contains(marker))).isEmpty();
    }

    @Test
    void aReceiverWithAnUntrustedCertificateGetsNothing() throws Exception {
        SyslogReceiver rogue = receiver(SyslogReceiver.tls(TestPki.get().rogueServer()));
        String sinkId = sink("localhost", rogue.port(), "tls");

        client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");

        JsonNode status = AuditSinks.awaitStatus(realmAdmin, sinkId, s -> s.path("consecutiveFailures").asInt() > 0,
                WAIT);
        assertThat(status.path("lastError").asText()).contains("TLS failure");
        assertThat(rogue.messages()).isEmpty();
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        SyslogReceiver elsewhere = receiver(SyslogReceiver.tls(TestPki.get().trustedServer(),
                InetAddress.getByName("127.0.0.2")));
        String sinkId = sink("127.0.0.2", elsewhere.port(), "tls");

        client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");

        JsonNode status = AuditSinks.awaitStatus(realmAdmin, sinkId, s -> s.path("consecutiveFailures").asInt() > 0,
                WAIT);
        assertThat(status.path("lastError").asText()).contains("TLS failure");
        assertThat(elsewhere.messages()).isEmpty();
    }

    private SyslogReceiver receiver(SyslogReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private String sink(String host, int port, String transport) {
        Map<String, String> config = AuditSinks.fastRetries();
        config.put("host", host);
        config.put("port", Integer.toString(port));
        config.put("transport", transport);
        config.put("timeout-ms", "2000");
        config.put("pause-after-failures", "1000");
        String id = AuditSinks.create(demo, "it-syslog-" + UUID.randomUUID().toString().substring(0, 8),
                AuditSinks.SYSLOG, config);
        sinks.add(id);
        return id;
    }
}
