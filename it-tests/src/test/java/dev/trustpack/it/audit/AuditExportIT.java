package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * Export of the audit trail as CSV or JSON lines: filters by time, type and tenant; realm administrators with
 * view-events see every tenant, a tenant admin only their own, anyone else nothing; bad parameters get a 400 that
 * says what is wrong; every export is itself audited.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class AuditExportIT extends DirectGrantTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Instant start;

    @BeforeEach
    void loginsInBothTenants() throws Exception {
        start = Instant.now().minusSeconds(1);
        assertThat(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid").status()).isEqualTo(200);
        assertThat(client.passwordGrant(DemoRealm.BOB, DemoRealm.PASSWORD, "openid").status()).isEqualTo(200);
        String bobId = TestUsers.id(demo.admin(), DemoRealm.BOB);
        AuditSinks.awaitRecord(realmAdmin, start, e -> e.path("subject").asText().equals(bobId)
                && e.path("type").asText().endsWith("user.login"), WAIT);
    }

    @Test
    void jsonLinesAreTheCloudEventsOfTheRangeInChainOrder() throws Exception {
        List<JsonNode> events = AuditSinks.exportJsonLines(realmAdmin, "?format=jsonl&from=" + start);

        assertThat(events).isNotEmpty();
        assertThat(events).allMatch(e -> e.path("specversion").asText().equals("1.0"));
        assertThat(events).extracting(e -> e.path("trustpackseq").asLong()).isSorted();
        assertThat(events).allMatch(e -> !Instant.parse(e.path("data").path("time").asText()).isBefore(start));
        assertThat(events).extracting(e -> e.path("trustpacktenant").asText()).contains("acme", "globex");
    }

    @Test
    void csvHasAHeaderAndOneQuotedLinePerRecord() throws Exception {
        TrustpackAdminApi.Reply csv = realmAdmin.get("/audit/export?format=csv&type=user.login&from=" + start);

        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\"seq\",\"id\",\"time\",\"type\",\"kind\",\"realm\",\"tenant\",\"user_id\","
                + "\"username\",\"client\",\"ip\",\"session\",\"outcome\",\"error\",\"operation\",\"resource_type\","
                + "\"resource_path\",\"details\",\"hash\",\"prev_hash\"");
        assertThat(lines.subList(1, lines.size())).isNotEmpty()
                .allMatch(line -> line.contains("\"dev.trustpack.audit.user.login")).anyMatch(line -> line.contains("\"alice\""));
    }

    @Test
    void typeAndTimeFiltersNarrowTheExport() throws Exception {
        List<JsonNode> logins = AuditSinks.exportJsonLines(realmAdmin, "?type=user.login&from=" + start);
        List<JsonNode> none = AuditSinks.exportJsonLines(realmAdmin, "?from=" + start + "&to=" + start.plusMillis(1));

        assertThat(logins).isNotEmpty().allMatch(e -> e.path("type").asText().startsWith("dev.trustpack.audit.user.login"));
        assertThat(none).isEmpty();
    }

    @Test
    void aTenantFilterGivesOnlyThatTenant() throws Exception {
        List<JsonNode> acme = AuditSinks.exportJsonLines(realmAdmin, "?tenant=acme&from=" + start);

        assertThat(acme).isNotEmpty().allMatch(e -> e.path("trustpacktenant").asText().equals("acme"));
        assertThat(acme.toString()).doesNotContain("\"bob\"");
    }

    @Test
    void aTenantAdminExportsTheirTenantOnly() throws Exception {
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");

        List<JsonNode> own = AuditSinks.exportJsonLines(alice, "?from=" + start);
        assertThat(own).isNotEmpty().allMatch(e -> e.path("trustpacktenant").asText().equals("acme"));
        assertThat(own.toString()).doesNotContain("globex");

        TrustpackAdminApi.Reply other = alice.get("/audit/export?tenant=globex");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("bob");
        assertThat(alice.get("/audit/sinks").status()).isEqualTo(403);
        assertThat(alice.get("/audit/verify").status()).isEqualTo(403);
    }

    @Test
    void aMemberWhoIsNoTenantAdminMayNotExport() throws Exception {
        // Carol administers globex (Admin) but is only a Viewer in acme: her acme token exports nothing at all.
        TrustpackAdminApi carolForAcme = apiAs(DemoRealm.CAROL, "openid organization:acme");
        for (String query : List.of("", "?tenant=acme", "?tenant=globex")) {
            assertThat(carolForAcme.get("/audit/export" + query).status()).as(query).isEqualTo(403);
        }
        TrustpackAdminApi carolForGlobex = apiAs(DemoRealm.CAROL, "openid organization:globex");
        assertThat(AuditSinks.exportJsonLines(carolForGlobex, "?from=" + start))
                .allMatch(e -> e.path("trustpacktenant").asText().equals("globex"));

        TestUsers.TestUser outsider = TestUsers.create(demo.admin(), "outsider", "example.org");
        try {
            TrustpackAdminApi api = apiAs(outsider.username(), "openid");
            TrustpackAdminApi.Reply refused = api.get("/audit/export");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorMessage()).contains("view-events");
        } finally {
            demo.admin().users().delete(outsider.id()).close();
        }
    }

    @Test
    void badParametersAreRefusedWithTheReason() throws Exception {
        assertThat(realmAdmin.get("/audit/export?format=xml").errorMessage()).isEqualTo("'format' must be jsonl or csv");
        assertThat(realmAdmin.get("/audit/export?from=last-week").errorMessage())
                .startsWith("'from' must be an ISO-8601 instant");
        assertThat(realmAdmin.get("/audit/export?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").errorMessage())
                .isEqualTo("'from' must be before 'to'");
        assertThat(realmAdmin.get("/audit/export?type=user%20login").status()).isEqualTo(400);
        assertThat(realmAdmin.get("/audit/export?tenant=nope-" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void everyExportIsAudited() throws Exception {
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");
        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);
        assertThat(alice.get("/audit/export?format=csv").status()).isEqualTo(200);

        JsonNode audited = AuditSinks.awaitRecord(realmAdmin, start,
                e -> e.path("type").asText().equals("dev.trustpack.audit.admin.custom.action")
                        && e.path("data").path("admin").path("resourcePath").asText()
                        .equals("trustpack/audit/export/tenants/acme")
                        && e.path("data").path("admin").path("representation").path("format").asText().equals("csv")
                        && e.path("subject").asText().equals(aliceId), WAIT);

        assertThat(audited.path("trustpacktenant").asText()).isEqualTo("acme");
        assertThat(audited.path("data").path("admin").path("representation").path("format").asText()).isEqualTo("csv");
    }

    @Test
    void spreadsheetFormulasInUserInputAreDefused() throws Exception {
        // Keycloak refuses "=" in usernames but not "+", "-" or "@", which spreadsheets also run; and what an unknown
        // user typed never reaches a record, so the formula is a known user's stored name.
        TestUsers.TestUser formula = TestUsers.create(demo.admin(), "+hyperlink", "example.org");
        try {
            client.passwordGrant(formula.username(), "wrong", "openid");
            // The login error itself, not the user's creation (an admin event naming the user, sealed earlier).
            AuditSinks.awaitRecord(realmAdmin, start, e -> e.path("type").asText().equals("dev.trustpack.audit.user.login_error")
                    && e.toString().contains(formula.username()), WAIT);

            String csv = realmAdmin.get("/audit/export?format=csv&type=user.login_error&from=" + start).body();

            assertThat(csv).contains("\"'" + formula.username() + "\"").doesNotContain(",\"" + formula.username());
        } finally {
            demo.admin().users().delete(formula.id()).close();
        }
    }
}
