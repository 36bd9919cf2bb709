package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.SyslogReceiver;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * A realm's own admin cannot erase the realm's trail: an operator sink of the master realm (all realms) receives
 * every realm's records where realm admins can neither see nor change it, and when a realm admin deletes their realm
 * the trail stays, closed by a sealed record naming them, for the master realm admin to verify and export.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class OperatorTrailIT extends DirectGrantTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCAL_PASSWORD = "it-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private SyslogReceiver operatorReceiver;
    private String operatorSinkId;
    private TrustpackAdminApi operator;

    @BeforeEach
    void addOperatorSink() throws Exception {
        operatorReceiver = SyslogReceiver.tcp();
        Map<String, String> config = AuditSinks.fastRetries();
        config.put("host", "127.0.0.1");
        config.put("port", Integer.toString(operatorReceiver.port()));
        config.put("transport", "tcp");
        config.put("all-realms", "true");
        config.put("batch-size", "1000");
        try (Response created = admin.realm("master").components().add(sink("it-operator", config))) {
            assertThat(created.getStatus()).as(created.readEntity(String.class)).isEqualTo(201);
            operatorSinkId = CreatedResponseUtil.getCreatedId(created);
        }
        operator = new TrustpackAdminApi(urls.getBase(), "master", admin.tokenManager()::getAccessTokenString);
    }

    @AfterEach
    void removeOperatorSink() throws Exception {
        admin.realm("master").components().component(operatorSinkId).remove();
        operatorReceiver.close();
    }

    @Test
    void aRealmAdminWhoDeletesTheirRealmLeavesTheTrailBehindClosedByARecordNamingThem() throws Exception {
        String realmName = "doomed-" + UUID.randomUUID().toString().substring(0, 8);
        String localAdmin = "local-admin-" + UUID.randomUUID().toString().substring(0, 6);
        admin.realms().create(doomedRealm(realmName, localAdmin));
        try {
            deleteAndRead(realmName, localAdmin);
        } finally {
            if (admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(realmName))) {
                admin.realm(realmName).remove();
            }
        }
    }

    private void deleteAndRead(String realmName, String localAdmin) throws Exception {
        String realmId = admin.realm(realmName).toRepresentation().getId();

        String realmUrl = urls.getBase() + "/realms/" + realmName;
        String localToken;
        try (RelyingParty adminCli = RelyingParty.publicClient(realmUrl, "admin-cli")) {
            assertThat(adminCli.passwordGrant("worker", "wrong", "openid").status()).isIn(400, 401);
            assertThat(adminCli.passwordGrant("worker", LOCAL_PASSWORD, "openid").status()).isEqualTo(200);
            RelyingParty.TokenResponse tokens = adminCli.passwordGrant(localAdmin, LOCAL_PASSWORD, "openid");
            assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
            localToken = tokens.accessToken();
        }

        // The realm's admin reaches neither the operator sink nor the operator's view of the trails.
        assertThat(status("GET", urls.getBase() + "/admin/realms/master/components/" + operatorSinkId, localToken))
                .isIn(401, 403);
        assertThat(new TrustpackAdminApi(urls.getBase(), "master", localToken).get("/audit/realms").status())
                .isIn(401, 403);
        assertThat(new TrustpackAdminApi(urls.getBase(), realmName, localToken).get("/audit/realms").status())
                .as("no realm but master has the operator's view").isEqualTo(404);
        String loginError = operatorReceiver.awaitMessage(m -> m.contains("/realms/" + realmName)
                && m.contains("dev.trustpack.audit.user.login_error"), WAIT);
        assertThat(loginError).contains("invalid_user_credentials");

        assertThat(status("DELETE", urls.getBase() + "/admin/realms/" + realmName, localToken)).isEqualTo(204);

        String deletion = operatorReceiver.awaitMessage(m -> m.contains("/realms/" + realmName)
                && m.contains("dev.trustpack.audit.trustpack.realm_deleted"), WAIT);
        assertThat(deletion).contains(localAdmin);

        JsonNode trail = awaitTrail(realmName);
        assertThat(trail.path("realmId").asText()).isEqualTo(realmId);
        assertThat(trail.path("deletedBy").asText()).startsWith(localAdmin + " (user ")
                .contains(" of realm '" + realmName + "' via admin-cli");

        JsonNode verified = operator.get("/audit/realms/" + realmName + "/verify").json();
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("ok");
        assertThat(verified.path("checked").asLong()).isEqualTo(verified.path("lastSeq").asLong());

        List<JsonNode> exported = exportLines(operator.get("/audit/realms/" + realmName + "/export"));
        assertThat(exported).extracting(e -> e.path("type").asText())
                .contains("dev.trustpack.audit.user.login", "dev.trustpack.audit.user.login_error");
        JsonNode closing = exported.stream()
                .filter(e -> e.path("type").asText().equals("dev.trustpack.audit.trustpack.realm_deleted"))
                .findFirst().orElseThrow();
        assertThat(closing.path("data").path("user").path("username").asText()).isEqualTo(localAdmin);
        assertThat(closing.path("data").path("details").path("by_realm").asText()).isEqualTo(realmName);
        assertThat(closing.path("data").path("details").path("deleted_realm").asText()).isEqualTo(realmName);
        long lastLogin = exported.stream().filter(e -> e.path("type").asText().startsWith("dev.trustpack.audit.user."))
                .mapToLong(e -> e.path("trustpackseq").asLong()).max().orElseThrow();
        assertThat(closing.path("trustpackseq").asLong()).as("sealed into the chain, after everything the realm did")
                .isGreaterThan(lastLogin);

        // A realm created again with the same id (a restore) starts a trail of its own: taking a realm id does not
        // give its history away. The deleted realm's trail stays the operator's, under an id of its own.
        RealmRepresentation restored = doomedRealm(realmName, localAdmin);
        restored.setId(realmId);
        admin.realms().create(restored);
        try (RelyingParty adminCli = RelyingParty.publicClient(realmUrl, "admin-cli")) {
            assertThat(adminCli.passwordGrant("worker", "wrong again", "openid").status()).isIn(400, 401);
        }
        TrustpackAdminApi restoredApi = new TrustpackAdminApi(urls.getBase(), realmName,
                admin.tokenManager()::getAccessTokenString);
        JsonNode fresh = awaitVerified(restoredApi, 1);
        assertThat(fresh.path("firstSeq").asLong()).isEqualTo(1);
        assertThat(exportLines(restoredApi.get("/audit/export"))).extracting(e -> e.path("type").asText())
                .doesNotContain("dev.trustpack.audit.trustpack.realm_deleted", "dev.trustpack.audit.user.login");
        JsonNode kept = null;
        for (JsonNode listed : operator.get("/audit/realms").json()) {
            if (listed.path("realmId").asText().equals(realmId) && listed.path("deleted").asBoolean()) {
                kept = listed;
            }
        }
        assertThat(kept).as("the deleted realm's trail is still listed").isNotNull();
        String trailId = kept.path("trailId").asText();
        assertThat(trailId).isNotEqualTo(realmId);
        JsonNode keptVerified = operator.get("/audit/realms/" + trailId + "/verify").json();
        assertThat(keptVerified.path("status").asText()).as(keptVerified.toString()).isEqualTo("ok");
        assertThat(keptVerified.path("lastSeq").asLong()).isEqualTo(verified.path("lastSeq").asLong());
        assertThat(exportLines(operator.get("/audit/realms/" + trailId + "/export")))
                .extracting(e -> e.path("type").asText()).contains("dev.trustpack.audit.trustpack.realm_deleted");

        JsonNode sink = operator.get("/audit/sinks/" + operatorSinkId).json();
        assertThat(sink.path("allRealms").asBoolean()).isTrue();
        assertThat(sink.path("realms")).extracting(r -> r.path("realm").asText()).contains(realmName, "trustpack-demo");
    }

    @Test
    void onlyASinkOfTheMasterRealmReceivesEveryRealmsRecordsAndNeverForOneTenant() throws Exception {
        Map<String, String> config = AuditSinks.fastRetries();
        config.put("host", "127.0.0.1");
        config.put("port", "514");
        config.put("transport", "tcp");
        config.put("all-realms", "true");
        try (Response refused = AuditSinks.add(demo, "it-not-operator", AuditSinks.SYSLOG, config)) {
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.readEntity(String.class)).contains("all-realms").contains("only a sink of the master realm");
        }
        config.put("tenant", "acme");
        try (Response refused = admin.realm("master").components().add(sink("it-tenant-operator", config))) {
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.readEntity(String.class)).contains("all-realms").contains("cannot also be limited");
        }
        assertThat(operator.get("/audit/realms/no-such-realm/verify").status()).isEqualTo(404);
        assertThat(operator.get("/audit/realms/trustpack-demo/export?tenant=acme").status()).isEqualTo(400);
    }

    private static JsonNode awaitVerified(TrustpackAdminApi api, long atLeast) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode verified = api.get("/audit/verify").json();
            if (verified.path("lastSeq").asLong() >= atLeast && verified.path("unsealed").asLong() == 0) {
                assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("ok");
                return verified;
            }
            assertThat(System.nanoTime()).as("sealed: %s", verified).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private JsonNode awaitTrail(String realmName) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (JsonNode trail : operator.get("/audit/realms").json()) {
                if (trail.path("realm").asText().equals(realmName) && trail.path("deleted").asBoolean()
                        && trail.path("unsealed").asLong() == 0) {
                    return trail;
                }
            }
            assertThat(System.nanoTime()).as("the deleted realm's trail is listed").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private int status(String method, String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<JsonNode> exportLines(Reply reply) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : reply.body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private ComponentRepresentation sink(String name, Map<String, String> config) {
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        component.setProviderId(AuditSinks.SYSLOG);
        component.setProviderType(AuditSinks.PROVIDER_TYPE);
        component.setParentId(admin.realm("master").toRepresentation().getId());
        MultivaluedHashMap<String, String> values = new MultivaluedHashMap<>();
        config.forEach(values::putSingle);
        component.setConfig(values);
        return component;
    }

    /** A realm that records into the trail, with a user and an admin of its own (realm-admin of that realm only). */
    private static RealmRepresentation doomedRealm(String name, String localAdmin) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        realm.setEventsEnabled(false);
        realm.setEventsListeners(List.of("jboss-logging", "trustpack-audit"));
        realm.setAdminEventsEnabled(true);
        realm.setUsers(List.of(user("worker", null), user(localAdmin, Map.of("realm-management", List.of("realm-admin")))));
        return realm;
    }

    private static UserRepresentation user(String username, Map<String, List<String>> clientRoles) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@doomed.example");
        user.setFirstName("Doomed");
        user.setLastName("User");
        user.setEnabled(true);
        user.setEmailVerified(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(LOCAL_PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        user.setClientRoles(clientRoles);
        return user;
    }
}
