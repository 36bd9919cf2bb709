package dev.trustpack.it.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The tenant policy document: a realm floor and per-tenant documents with role sections, validated field by field,
 * tightened but never loosened by tenant admins, merged strictest-wins into an effective policy that names its
 * sources, stored so that realm import carries it, and never loosened by a value that does not validate, whatever
 * route wrote it. The sections here are the test-only "probe" section (test-providers), contributed exactly as a
 * capability module contributes its own.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class TenantPolicyIT extends DirectGrantTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    @AfterEach
    void clearPolicies() throws Exception {
        assertThat(realmAdmin.put("/policy", "{}").status()).isEqualTo(200);
        for (String tenant : List.of("acme", "globex")) {
            assertThat(realmAdmin.put("/tenants/" + tenant + "/policy", "{}").status()).isEqualTo(200);
        }
    }

    @Test
    void theSectionsOfTheInstalledModulesAreListedWithTheirFields() throws Exception {
        Reply sections = realmAdmin.get("/policy/sections");
        assertThat(sections.status()).isEqualTo(200);
        JsonNode probe = find(sections.json(), "probe");
        assertThat(texts(probe.get("fields"), "name")).containsExactly("level", "limitMinutes", "options", "locked");
        JsonNode limit = find(probe.get("fields"), "limitMinutes");
        assertThat(limit.get("type").asText()).isEqualTo("integer");
        assertThat(limit.get("default").asInt()).isEqualTo(600);
        assertThat(limit.get("strictest").asInt()).isEqualTo(1);
        assertThat(limit.get("expects").asText()).isEqualTo("an integer from 1 to 1440 (lower is stricter)");
    }

    @Test
    void theEffectivePolicyMergesStrictestWinsAndNamesWhereEachValueCameFrom() throws Exception {
        Reply realm = realmAdmin.put("/policy", """
                {"probe": {"limitMinutes": 480, "level": "on"},
                 "roles": {"Owner": {"probe": {"locked": true}}}}""");
        assertThat(realm.status()).as(realm.body()).isEqualTo(200);
        Reply tenant = realmAdmin.put("/tenants/acme/policy", """
                {"probe": {"limitMinutes": 120, "level": "off", "options": ["x", "y"]},
                 "roles": {"Owner": {"probe": {"level": "strict", "limitMinutes": 30}}, "Viewer": {"probe": {"options": ["y", "z"]}}}}""");
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(200);
        assertThat(realmAdmin.get("/tenants/acme/policy").json()).isEqualTo(tenant.json());

        JsonNode owner = effective("acme", DemoRealm.ALICE);
        assertThat(texts(owner.get("roles"))).containsExactly("Owner");
        assertValue(owner, "level", "\"strict\"", "tenant-role", "Owner");
        assertValue(owner, "limitMinutes", "30", "tenant-role", "Owner");
        assertValue(owner, "options", "[\"x\",\"y\"]", "tenant", null);
        assertValue(owner, "locked", "true", "realm-role", "Owner");

        JsonNode viewer = effective("acme", DemoRealm.CAROL);
        assertValue(viewer, "level", "\"on\"", "realm", null);
        assertValue(viewer, "limitMinutes", "120", "tenant", null);
        assertValue(viewer, "options", "[\"y\"]", "tenant-role", "Viewer");
        assertValue(viewer, "locked", "false", "default", null);
        assertThat(viewer.get("problems")).isEmpty();

        // globex has no document of its own: the floor applies there.
        assertValue(effective("globex", DemoRealm.CAROL), "limitMinutes", "480", "realm", null);
    }

    @Test
    void aDocumentThatDoesNotValidateIsRefusedFieldByFieldAndChangesNothing() throws Exception {
        String stored = realmAdmin.put("/tenants/acme/policy", "{\"probe\": {\"limitMinutes\": 60}}").body();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"probe\": {\"limitMinutes\": 0}}", "probe.limitMinutes: 0 is not an integer from 1 to 1440");
        refused.put("{\"probe\": {\"limitMinutes\": \"60\"}}", "probe.limitMinutes: \"60\" is not an integer");
        refused.put("{\"probe\": {\"level\": \"max\"}}", "probe.level: \"max\" is not one of off, on, strict");
        refused.put("{\"probe\": {\"options\": [\"x\", \"q\"]}}", "probe.options: [\"x\",\"q\"] is not a non-empty list");
        refused.put("{\"probe\": {\"options\": []}}", "probe.options: [] is not a non-empty list");
        refused.put("{\"probe\": {\"colour\": \"red\"}}", "probe.colour: section 'probe' has no field 'colour'");
        refused.put("{\"sso\": {\"require\": \"off\"}}", "sso: unknown policy section 'sso'; the sections are google, mfa, probe, sessions");
        refused.put("{\"roles\": {\"Superuser\": {\"probe\": {\"locked\": true}}}}",
                "roles.Superuser: 'Superuser' is not a tenant role");
        refused.put("[1]", "A policy document is a JSON object");
        refused.put("{\"probe\": ", "The body is not valid JSON at line 1");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            Reply reply = realmAdmin.put("/tenants/acme/policy", body.getKey());
            assertThat(reply.status()).as(body.getKey()).isEqualTo(400);
            assertThat(reply.errorMessage()).as(body.getKey()).contains(body.getValue());
        }
        Reply two = realmAdmin.put("/policy", "{\"probe\": {\"limitMinutes\": -5, \"locked\": \"yes\"}}");
        assertThat(two.status()).isEqualTo(400);
        assertThat(texts(two.json().get("errors"), "field")).containsExactly("probe.limitMinutes", "probe.locked");

        Reply huge = realmAdmin.put("/tenants/acme/policy", "{\"probe\": {\"level\": \"" + "x".repeat(70_000) + "\"}}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorMessage()).isEqualTo("A policy document is at most 64 KiB");

        assertThat(realmAdmin.get("/tenants/acme/policy").body()).as("nothing written").isEqualTo(stored);
        assertThat(realmAdmin.get("/policy").body()).isEqualTo("{}");
    }

    @Test
    void tenantAdminsTightenTheirTenantButNeverLoosenIt() throws Exception {
        assertThat(realmAdmin.put("/policy", """
                {"probe": {"limitMinutes": 240, "level": "on"}, "roles": {"Owner": {"probe": {"limitMinutes": 60}}}}""")
                .status()).isEqualTo(200);
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");

        Reply tightened = alice.put("/tenants/acme/policy", """
                {"probe": {"limitMinutes": 120, "level": "strict"}, "roles": {"Owner": {"probe": {"limitMinutes": 15}}}}""");
        assertThat(tightened.status()).as(tightened.body()).isEqualTo(200);

        Reply belowFloor = alice.put("/tenants/acme/policy", """
                {"probe": {"limitMinutes": 480, "level": "strict"}, "roles": {"Owner": {"probe": {"limitMinutes": 90}}}}""");
        assertThat(belowFloor.status()).isEqualTo(403);
        assertThat(texts(belowFloor.json().get("errors"), "field"))
                .containsExactlyInAnyOrder("probe.limitMinutes", "roles.Owner.probe.limitMinutes");
        assertThat(belowFloor.errorMessage()).contains("probe.limitMinutes: 480 is looser than the realm floor 240")
                .contains("roles.Owner.probe.limitMinutes: 90 is looser than the realm floor 60");

        // Above the floor but looser than what is stored now, or leaving a stored value out: loosening all the same.
        Reply backUp = alice.put("/tenants/acme/policy", """
                {"probe": {"limitMinutes": 200, "level": "strict"}, "roles": {"Owner": {"probe": {"limitMinutes": 15}}}}""");
        assertThat(backUp.status()).isEqualTo(403);
        assertThat(backUp.errorMessage()).contains("probe.limitMinutes: 200 is looser than the current value 120")
                .contains("a realm administrator may loosen it");
        Reply cleared = alice.put("/tenants/acme/policy", "{}");
        assertThat(cleared.status()).isEqualTo(403);
        assertThat(cleared.errorMessage()).contains("probe.level: removing \"strict\" would loosen it to the realm floor \"on\"");
        assertThat(realmAdmin.get("/tenants/acme/policy").json()).as("unchanged").isEqualTo(tightened.json());

        // The realm floor, other tenants and roles ranked above theirs are not theirs to change.
        assertThat(alice.get("/policy").status()).as("they may read the floor").isEqualTo(200);
        assertThat(alice.put("/policy", "{}").status()).isEqualTo(403);
        assertThat(alice.put("/tenants/globex/policy", "{}").status()).isEqualTo(404);
        TrustpackAdminApi carolForGlobex = apiAs(DemoRealm.CAROL, "openid organization:globex");
        Reply ownerSection = carolForGlobex.put("/tenants/globex/policy",
                "{\"roles\": {\"Owner\": {\"probe\": {\"locked\": true}}}}");
        assertThat(ownerSection.status()).isEqualTo(403);
        assertThat(ownerSection.errorMessage()).contains("'Owner' is ranked above yours");
        assertThat(carolForGlobex.put("/tenants/globex/policy",
                "{\"roles\": {\"Viewer\": {\"probe\": {\"locked\": true}}}}").status()).isEqualTo(200);
        TrustpackAdminApi carolViewer = apiAs(DemoRealm.CAROL, "openid organization:acme");
        assertThat(carolViewer.put("/tenants/acme/policy", "{}").status()).isEqualTo(404);
        assertThat(carolViewer.get("/tenants/acme/members/" + userId(DemoRealm.ALICE) + "/policy").status())
                .isEqualTo(404);

        // A realm admin may loosen and set anything; the floor still wins in the effective policy.
        assertThat(realmAdmin.put("/tenants/acme/policy", "{\"probe\": {\"limitMinutes\": 1000}}").status())
                .isEqualTo(200);
        assertValue(effective("acme", DemoRealm.CAROL), "limitMinutes", "240", "realm", null);
    }

    @Test
    void aValueWrittenThroughKeycloaksOwnApiThatDoesNotValidateCountsAsTheStrictest() throws Exception {
        OrganizationRepresentation acme = organization("acme");
        Map<String, List<String>> attributes = new LinkedHashMap<>(acme.getAttributes() == null ? Map.of()
                : acme.getAttributes());
        attributes.put("trustpack.policy.probe.limitMinutes", List.of("forever"));
        attributes.put("trustpack.policy.roles.Owner.probe.level", List.of("maximum"));
        attributes.put("trustpack.policy.probe.colour", List.of("red"));
        acme.setAttributes(attributes);
        demo.admin().organizations().get(acme.getId()).update(acme).close();

        JsonNode owner = effective("acme", DemoRealm.ALICE);
        assertValue(owner, "limitMinutes", "1", "tenant", null);
        assertValue(owner, "level", "\"strict\"", "tenant-role", "Owner");
        assertThat(owner.at("/policy/probe/limitMinutes/problem").asText()).contains("'forever'").contains("strictest value 1");
        assertThat(texts(owner.get("problems"), "field"))
                .containsExactlyInAnyOrder("probe.limitMinutes", "roles.Owner.probe.level", "probe.colour");
        assertValue(effective("acme", DemoRealm.CAROL), "level", "\"off\"", "default", null);
        assertThat(realmAdmin.get("/tenants/acme/policy").json().at("/probe/limitMinutes").asText())
                .as("shown as stored").isEqualTo("forever");

        // A stored realm value that does not validate never loosens either.
        Map<String, String> realmAttributes = new LinkedHashMap<>(demo.admin().toRepresentation().getAttributes());
        realmAttributes.put("trustpack.policy.probe.locked", "perhaps");
        RealmRepresentation update = new RealmRepresentation();
        update.setAttributes(realmAttributes);
        demo.admin().update(update);
        assertValue(effective("globex", DemoRealm.BOB), "locked", "true", "realm", null);

        // Putting a valid document replaces what the other route wrote.
        assertThat(realmAdmin.put("/tenants/acme/policy", "{\"probe\": {\"limitMinutes\": 90}}").status()).isEqualTo(200);
        assertThat(realmAdmin.put("/policy", "{}").status()).isEqualTo(200);
        JsonNode fixed = effective("acme", DemoRealm.ALICE);
        assertValue(fixed, "limitMinutes", "90", "tenant", null);
        assertValue(fixed, "level", "\"off\"", "default", null);
        // A key no installed section defines is kept (a module on another node may own it) and stays reported.
        assertThat(texts(fixed.get("problems"), "field")).containsExactly("probe.colour");
        assertThat(organization("acme").getAttributes()).containsKey("trustpack.policy.probe.colour");
    }

    @AfterEach
    void removeForeignKeys() {
        OrganizationRepresentation acme = organization("acme");
        if (acme.getAttributes() != null && acme.getAttributes().containsKey("trustpack.policy.probe.colour")) {
            Map<String, List<String>> attributes = new LinkedHashMap<>(acme.getAttributes());
            attributes.remove("trustpack.policy.probe.colour");
            acme.setAttributes(attributes);
            demo.admin().organizations().get(acme.getId()).update(acme).close();
        }
    }

    @Test
    void everyPolicyChangeIsAnAdminEventAndAnAuditRecord() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");
        assertThat(alice.put("/tenants/acme/policy", "{\"probe\": {\"locked\": true}}").status()).isEqualTo(200);
        assertThat(realmAdmin.put("/policy", "{\"probe\": {\"level\": \"on\"}}").status()).isEqualTo(200);

        String aliceId = userId(DemoRealm.ALICE);
        List<AdminEventRepresentation> events = demo.admin().getAdminEvents().stream()
                .filter(event -> event.getTime() >= since.toEpochMilli())
                .filter(event -> event.getResourcePath() != null && event.getResourcePath().endsWith("policy"))
                .toList();
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getResourcePath()).isEqualTo("trustpack/tenants/acme/policy");
            assertThat(event.getResourceType()).isEqualTo("ORGANIZATION");
            assertThat(event.getOperationType()).isEqualTo("UPDATE");
            assertThat(event.getAuthDetails().getUserId()).isEqualTo(aliceId);
            assertThat(event.getRepresentation()).contains("\"locked\":true");
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getResourcePath()).isEqualTo("trustpack/policy");
            assertThat(event.getResourceType()).isEqualTo("REALM");
        });

        JsonNode record = AuditSinks.awaitRecord(realmAdmin, since,
                e -> e.path("data").path("admin").path("resourcePath").asText().equals("trustpack/tenants/acme/policy"),
                WAIT);
        assertThat(record.path("trustpacktenant").asText()).isEqualTo("acme");
    }

    @Test
    void aRealmImportCarriesThePolicyDocuments() throws Exception {
        String name = "policy-import-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation imported = new RealmRepresentation();
        imported.setRealm(name);
        imported.setEnabled(true);
        imported.setOrganizationsEnabled(true);
        imported.setAttributes(Map.of("trustpack.policy.probe.limitMinutes", "45",
                "trustpack.policy.roles.Owner.probe.locked", "true"));
        OrganizationRepresentation tenant = new OrganizationRepresentation();
        tenant.setName("Imported Corp");
        tenant.setAlias("imported");
        tenant.setEnabled(true);
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
        domain.setName(name + ".example");
        tenant.addDomain(domain);
        tenant.setAttributes(Map.of("trustpack.policy.probe.level", List.of("strict")));
        imported.setOrganizations(List.of(tenant));
        admin.realms().create(imported);
        try {
            TrustpackAdminApi api = new TrustpackAdminApi(urls.getBase(), name, admin.tokenManager()::getAccessTokenString);
            assertThat(api.get("/policy").json().toString())
                    .isEqualTo("{\"probe\":{\"limitMinutes\":45},\"roles\":{\"Owner\":{\"probe\":{\"locked\":true}}}}");
            assertThat(api.get("/tenants/imported/policy").json().toString()).isEqualTo("{\"probe\":{\"level\":\"strict\"}}");
            assertThat(admin.realm(name).partialExport(false, false).getAttributes())
                    .containsEntry("trustpack.policy.probe.limitMinutes", "45");
        } finally {
            admin.realm(name).remove();
        }
    }

    private JsonNode effective(String tenant, String username) throws Exception {
        Reply reply = realmAdmin.get("/tenants/" + tenant + "/members/" + userId(username) + "/policy");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void assertValue(JsonNode effective, String field, String json, String source, String role) {
        JsonNode entry = effective.at("/policy/probe/" + field);
        assertThat(entry.get("value").toString()).as("%s in %s", field, effective).isEqualTo(json);
        assertThat(entry.get("source").asText()).as("source of %s", field).isEqualTo(source);
        assertThat(entry.path("role").asText(null)).as("role of %s", field).isEqualTo(role);
    }

    /** The full representation (the list endpoints answer brief ones, without attributes). */
    private OrganizationRepresentation organization(String alias) {
        String id = demo.admin().organizations().getAll().stream().filter(o -> alias.equals(o.getAlias())).findFirst()
                .orElseThrow().getId();
        return demo.admin().organizations().get(id).toRepresentation();
    }

    private String userId(String username) {
        return TestUsers.id(demo.admin(), username);
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode node : array) {
            if (name.equals(node.path("name").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> texts(JsonNode array, String property) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.path(property).asText()));
        return values;
    }
}
