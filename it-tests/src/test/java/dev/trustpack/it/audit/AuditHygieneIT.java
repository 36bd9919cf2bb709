package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.SyslogReceiver;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * What an attacker types never ends up in the trail as typed: a password in the username field, oversized or
 * control-character input, a name chosen to look like a tenant path. And what an auditor needs (where the audit
 * stream goes, a realm's flows and credential settings) is not redacted away. Checked in both exports and at a real
 * syslog receiver.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class AuditHygieneIT extends DirectGrantTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectWebDriver
    ManagedWebDriver browser;

    private SyslogReceiver syslog;
    private String sinkId;
    private Instant start;

    @BeforeEach
    void startSyslog() throws Exception {
        start = Instant.now().minusSeconds(1);
        syslog = SyslogReceiver.tcp();
        Map<String, String> config = AuditSinks.fastRetries();
        config.put("host", "127.0.0.1");
        config.put("port", Integer.toString(syslog.port()));
        config.put("transport", "tcp");
        sinkId = AuditSinks.create(demo, "it-hygiene-" + UUID.randomUUID().toString().substring(0, 8), AuditSinks.SYSLOG,
                config);
    }

    @AfterEach
    void stopSyslog() throws Exception {
        AuditSinks.remove(demo, sinkId);
        syslog.close();
    }

    @Test
    void aPasswordTypedIntoTheUsernameFieldIsKeptNowhere() throws Exception {
        String typed = "S3cret-Passw0rd!" + UUID.randomUUID().toString().substring(0, 8);
        // Only this test's attempts: the previous test's unknown users may have been recorded a moment before.
        Instant attempts = Instant.now();
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(client.passwordGrant(typed, "whatever", "openid").status()).isIn(400, 401);
        }
        try (RelyingParty spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT)) {
            HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
            browser.driver().get(spa.authorizationRequest("openid").url());
            signInWhateverTheFormAsks(typed, "whatever");
        }

        // Both password grants are recorded; whatever the login page recorded is checked with them (and below).
        List<JsonNode> unknown = awaitRecords(attempts, e -> type(e).equals("user.login_error")
                && e.path("data").path("error").asText().equals("user_not_found"), 2);
        List<String> hashes = new ArrayList<>();
        for (JsonNode record : unknown) {
            JsonNode data = record.path("data");
            assertThat(data.has("user")).as("an unknown user is named by nobody").isFalse();
            // The password grant reports what was typed (now only as a keyed hash); the login page reports nothing.
            if (data.path("client").asText().equals("it-direct-grant")) {
                assertThat(data.path("details").path("username").asText()).as("%s", record)
                        .matches("hmac:[0-9a-f]{32}");
                hashes.add(data.path("details").path("username").asText());
            } else {
                assertThat(data.path("details").has("username")).as("%s", record).isFalse();
            }
        }
        assertThat(hashes).as("the same text correlates").hasSizeGreaterThanOrEqualTo(2)
                .containsOnly(hashes.get(hashes.size() - 1));
        assertThat(export("jsonl")).doesNotContain(typed);
        assertThat(export("csv")).doesNotContain(typed);
        syslog.awaitMessage(m -> m.contains(hashes.get(hashes.size() - 1)), WAIT);
        assertThat(String.join("\n", syslog.messages())).doesNotContain(typed);
    }

    @Test
    void aKnownUserIsNamedByTheStoredUsernameNotByWhatWasTyped() throws Exception {
        assertThat(client.passwordGrant("BOB", "not-the-password", "openid").status()).isIn(400, 401);
        String bobId = TestUsers.id(demo.admin(), DemoRealm.BOB);

        JsonNode data = awaitRecords(e -> type(e).equals("user.login_error")
                && bobId.equals(e.path("subject").asText()), 1).get(0).path("data");

        assertThat(data.path("user").path("username").asText()).isEqualTo("bob");
        assertThat(data.path("details").path("username").asText()).isEqualTo("bob");
    }

    @Test
    void everyFieldIsCappedAndScrubbedAndARecordStaysBounded() throws Exception {
        List<String> hostile = List.of("u".repeat(10_000), "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdHRhY2tlciJ9.c2lnbmF0dXJl",
                "\u0001\u0007\u001b[2J".repeat(2_000));
        for (String username : hostile) {
            client.passwordGrant(username, "whatever", "openid");
        }
        String longPath = "http://127.0.0.1:1/" + "p".repeat(3_000);
        try (RelyingParty spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT)) {
            HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
            String url = spa.authorizationRequest("openid").url().replaceFirst("redirect_uri=[^&]+",
                    "redirect_uri=" + URLEncoder.encode(longPath, StandardCharsets.UTF_8));
            browser.driver().get(url);
            HostedLogin.signIn(browser.driver(), DemoRealm.ALICE, DemoRealm.PASSWORD);
            // acme requires MFA of its Owner with a grace period; the login event comes once alice postpones.
            MfaSetupPage.postponeIfShown(browser.driver());
        }
        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);
        JsonNode login = awaitRecords(e -> type(e).equals("user.login") && aliceId.equals(e.path("subject").asText())
                && e.path("data").path("details").path("redirect_uri").asText().startsWith("http://127.0.0.1:1/"), 1)
                .get(0);
        assertThat(login.path("data").path("details").path("redirect_uri").asText()).hasSize(1025).endsWith("…");

        for (JsonNode record : AuditSinks.exportJsonLines(realmAdmin, "?from=" + start)) {
            assertThat(record.toString().length()).as("record %s", record.path("id")).isLessThanOrEqualTo(70_000);
            assertLongestText(record, 1_025);
        }
        assertThat(export("jsonl")).doesNotContain("u".repeat(1_100)).doesNotContain("\\u0001")
                .doesNotContain("eyJzdWIiOiJhdHRhY2tlciJ9");
        syslog.awaitMessage(m -> m.contains(aliceId) && m.contains("127.0.0.1:1/"), WAIT);
        assertThat(syslog.messages()).allSatisfy(message -> assertThat(message.length()).isLessThan(80_000));
    }

    @Test
    void aRoleNamedLikeATenantPathIsNotTheTenants() throws Exception {
        // Exactly the name from the finding: a path match anywhere in the resource path tagged it "acme".
        RoleRepresentation role = new RoleRepresentation();
        role.setName("x/tenants/acme");
        demo.admin().roles().list().stream().filter(r -> r.getName().equals(role.getName()))
                .forEach(r -> demo.admin().rolesById().deleteRole(r.getId()));
        demo.admin().roles().create(role);
        try {
            JsonNode created = awaitRecords(e -> type(e).equals("admin.realm_role.create") && e.path("data")
                    .path("admin").path("representation").path("name").asText().equals(role.getName()), 1).get(0);
            assertThat(created.has("trustpacktenant")).isFalse();
            TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");
            assertThat(AuditSinks.exportJsonLines(alice, "?from=" + start).toString()).doesNotContain(role.getName());
        } finally {
            demo.admin().roles().list().stream().filter(r -> r.getName().equals(role.getName()))
                    .forEach(r -> demo.admin().rolesById().deleteRole(r.getId()));
        }
    }

    @Test
    void anAuditorSeesWhereTheStreamGoesAndTheRealmsFlowsNotItsSecrets() throws Exception {
        ComponentRepresentation sink = demo.admin().components().component(sinkId).toRepresentation();
        sink.getConfig().putSingle("tenant", "acme");
        demo.admin().components().component(sinkId).update(sink);
        JsonNode update = awaitRecords(e -> type(e).equals("admin.component.update")
                && e.path("data").path("admin").path("resourcePath").asText().endsWith(sinkId), 1).get(0);
        JsonNode config = update.path("data").path("admin").path("representation").path("config");
        assertThat(config.path("host").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(config.path("port").get(0).asText()).isEqualTo(Integer.toString(syslog.port()));
        assertThat(config.path("tenant").get(0).asText()).isEqualTo("acme");
        assertThat(config.path("transport").get(0).asText()).isEqualTo("tcp");

        RealmRepresentation realm = demo.admin().toRepresentation();
        demo.admin().update(realm);
        JsonNode realmUpdate = awaitRecords(e -> type(e).equals("admin.realm.update")
                && e.path("data").path("admin").path("representation").has("resetCredentialsFlow"), 1).get(0);
        JsonNode representation = realmUpdate.path("data").path("admin").path("representation");
        assertThat(representation.path("resetCredentialsFlow").asText()).isEqualTo(realm.getResetCredentialsFlow());
        assertThat(representation.path("browserFlow").asText()).isEqualTo(realm.getBrowserFlow());
        assertThat(representation.path("requiredCredentials").toString()).contains("password");
        assertThat(representation.path("webAuthnPolicySignatureAlgorithms").toString())
                .contains(realm.getWebAuthnPolicySignatureAlgorithms().get(0));
    }

    /** Username, then the password if the form asks for one (identity-first may refuse an unknown name at once). */
    private void signInWhateverTheFormAsks(String username, String password) throws InterruptedException {
        HostedLogin.waitFor(browser.driver(), By.id("username")).sendKeys(username);
        if (!browser.driver().getPageSource().contains("id=\"password\"")) {
            browser.driver().findElement(By.id("kc-login")).click();
        }
        for (int i = 0; i < 50 && !browser.driver().getPageSource().contains("id=\"password\""); i++) {
            if (browser.driver().getPageSource().contains("input-error")) {
                return;
            }
            Thread.sleep(100);
        }
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("kc-login")).click();
        HostedLogin.inputError(browser.driver());
    }

    private List<JsonNode> awaitRecords(Predicate<JsonNode> match, int atLeast) throws Exception {
        return awaitRecords(start, match, atLeast);
    }

    private List<JsonNode> awaitRecords(Instant since, Predicate<JsonNode> match, int atLeast) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<JsonNode> found = AuditSinks.exportJsonLines(realmAdmin, "?from=" + since).stream().filter(match).toList();
            if (found.size() >= atLeast) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + found.size() + " matching audit records within " + WAIT + "; the "
                        + "user events since the start: " + AuditSinks.exportJsonLines(realmAdmin, "?type=user&from="
                        + start).stream().map(e -> e.path("data").toString()).toList());
            }
            Thread.sleep(250);
        }
    }

    private String export(String format) throws Exception {
        TrustpackAdminApi.Reply reply = realmAdmin.get("/audit/export?format=" + format + "&from=" + start);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static void assertLongestText(JsonNode node, int max) {
        if (node.isTextual()) {
            assertThat(node.textValue().length()).as(node.textValue().substring(0, Math.min(40, node.textValue().length())))
                    .isLessThanOrEqualTo(max);
        }
        node.forEach(child -> assertLongestText(child, max));
    }

    private static String type(JsonNode event) {
        return event.path("type").asText().replace("dev.trustpack.audit.", "");
    }
}
