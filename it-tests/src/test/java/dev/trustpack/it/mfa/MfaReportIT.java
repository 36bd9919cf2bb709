package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * {@code /trustpack/tenants/{alias}/mfa-report}: each member's MFA state and the totals, in JSON or CSV, for realm
 * admins (any tenant) and tenant admins (their own only).
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaReportIT extends DirectGrantTest {

    private final List<String> users = new ArrayList<>();

    @AfterEach
    void deleteUsers() {
        users.forEach(id -> demo.admin().users().delete(id).close());
    }

    @Test
    void theReportListsEachMembersStateAndTheTotals() throws Exception {
        String enrolled = member("Owner", "enrolled", true);
        String inGrace = member("Admin", "grace", false);
        String viewer = member("Viewer", "viewer", false);

        Reply reply = realmAdmin.get("/tenants/acme/mfa-report");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.at("/tenant/alias").asText()).isEqualTo("acme");
        JsonNode owner = memberNode(report, enrolled);
        assertThat(owner.path("state").asText()).isEqualTo("enrolled");
        assertThat(owner.path("factors").toString()).isEqualTo("[\"totp\"]");
        assertThat(owner.path("roles").toString()).isEqualTo("[\"Owner\"]");
        JsonNode admin = memberNode(report, inGrace);
        assertThat(admin.path("state").asText()).isEqualTo("grace");
        assertThat(admin.path("daysLeft").asInt()).isEqualTo(7);
        assertThat(admin.path("graceStarted").asBoolean()).isFalse();
        assertThat(memberNode(report, viewer).path("state").asText()).isEqualTo("exempt");
        JsonNode totals = report.path("totals");
        assertThat(totals.path("members").asInt()).isEqualTo(report.path("members").size());
        assertThat(totals.path("enrolled").asInt() + totals.path("grace").asInt() + totals.path("overdue").asInt()
                + totals.path("exempt").asInt()).isEqualTo(totals.path("members").asInt());
        assertThat(report.path("legacyExemptClients").toString()).contains(TestClients.DirectGrant.CLIENT_ID);
        assertThat(reply.body()).doesNotContain("secret").doesNotContain("JBSWY3DP");
    }

    @Test
    void theCsvReportHasOneRowPerMemberAndDefusesFormulas() throws Exception {
        String formula = member("Viewer", "-2+3", false);

        Reply reply = realmAdmin.get("/tenants/acme/mfa-report?format=csv");

        assertThat(reply.status()).isEqualTo(200);
        List<String> lines = reply.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "\"user_id\",\"username\",\"roles\",\"require\",\"state\",\"factors\",\"days_left\",\"grace_started\"");
        String row = lines.stream().filter(line -> line.contains(formula)).findFirst().orElseThrow();
        assertThat(row).contains("\"'-2+3");
        assertThat(lines).hasSize(1 + realmAdmin.get("/tenants/acme/mfa-report").json().path("members").size());
    }

    @Test
    void anUnknownFormatIsABadRequestNamingTheParameter() throws Exception {
        Reply reply = realmAdmin.get("/tenants/acme/mfa-report?format=xml");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'format'");
    }

    @Test
    void aTenantAdminSeesTheirOwnTenantsReportOnly() throws Exception {
        TrustpackAdminApi bob = apiAs(DemoRealm.BOB, "openid");

        assertThat(bob.get("/tenants/globex/mfa-report").status()).isEqualTo(200);
        assertThat(bob.get("/tenants/acme/mfa-report").status()).isIn(403, 404);
        TrustpackAdminApi viewer = apiAs(DemoRealm.CAROL, "openid organization:acme");
        assertThat(viewer.get("/tenants/acme/mfa-report").status()).isIn(403, 404);
    }

    /** A member of acme with a role; with an authenticator app when {@code totp}, imported as an admin would. */
    private String member(String role, String prefix, boolean totp) throws Exception {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), prefix, "example.org", Map.of(),
                totp ? List.of(TestUsers.totp("JBSWY3DPEHPK3PXP", "phone")) : List.of());
        users.add(user.id());
        Reply added = realmAdmin.put("/tenants/acme/members/" + user.id(), "{\"roles\": [\"" + role + "\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return user.username();
    }

    private static JsonNode memberNode(JsonNode report, String username) {
        for (JsonNode member : report.path("members")) {
            if (username.equals(member.path("username").asText())) {
                return member;
            }
        }
        throw new AssertionError(username + " is not in " + report);
    }
}
