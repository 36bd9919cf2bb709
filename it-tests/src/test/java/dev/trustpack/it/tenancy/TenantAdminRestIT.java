package dev.trustpack.it.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The tenant admin REST API: realm administrators manage every tenant; a tenant's Owner or Admin manages only
 * their own tenant, only roles ranked at or below theirs; anyone else is refused; input is validated before
 * anything is written; every change is an admin event.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class TenantAdminRestIT extends DirectGrantTest {

    private final List<String> createdUsers = new ArrayList<>();

    @AfterEach
    void deleteCreatedUsers() {
        createdUsers.forEach(id -> demo.admin().users().delete(id).close());
        createdUsers.clear();
    }

    @Test
    void realmAdminsSeeEveryTenantAndItsMembersWithTheirRoles() throws Exception {
        Reply tenants = realmAdmin.get("/tenants");
        assertThat(tenants.status()).isEqualTo(200);
        assertThat(aliases(tenants.json())).containsExactly("acme", "globex");
        JsonNode acme = tenants.json().get(0);
        assertThat(acme.get("name").asText()).isEqualTo("Acme Corp");
        assertThat(acme.get("domains").get(0).asText()).isEqualTo("acme.example");
        assertThat(texts(acme.get("roles"))).containsExactly("Owner", "Admin", "Manager", "Viewer");

        Reply members = realmAdmin.get("/tenants/globex/members");
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json()).hasSize(2);
        for (JsonNode member : members.json()) {
            String expected = switch (member.get("username").asText()) {
                case DemoRealm.BOB -> "Owner";
                case DemoRealm.CAROL -> "Admin";
                default -> throw new AssertionError("unexpected member " + member);
            };
            assertThat(texts(member.get("roles"))).containsExactly(expected);
        }
    }

    @Test
    void aTenantAdminSeesAndChangesOnlyTheirOwnTenant() throws Exception {
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");
        String bob = userId(DemoRealm.BOB);

        Reply listed = alice.get("/tenants");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(aliases(listed.json())).containsExactly("acme");

        for (Reply reply : List.of(alice.get("/tenants/globex"), alice.get("/tenants/globex/members"),
                alice.get("/tenants/globex/members/" + bob), alice.put("/tenants/globex/members/" + bob + "/roles/Viewer", null),
                alice.delete("/tenants/globex/members/" + bob), alice.put("/tenants/globex/members/" + bob, null))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.errorMessage()).isEqualTo("No tenant 'globex'");
        }
        assertThat(realmAdmin.get("/tenants/globex/members/" + bob + "/roles").body()).isEqualTo("[\"Owner\"]");
    }

    @Test
    void usersWhoAdministerNoTenantAreRefused() throws Exception {
        String erin = createUser("erin", "acme.example");
        realmAdmin.put("/tenants/acme/members/" + erin, "{\"roles\": [\"Viewer\"]}");
        TrustpackAdminApi viewer = apiAs(username(erin), "openid");

        assertThat(viewer.get("/tenants").status()).isEqualTo(403);
        assertThat(viewer.get("/tenants/acme").status()).isEqualTo(404);
        assertThat(viewer.put("/tenants/acme/members/" + erin + "/roles/Owner", null).status()).isEqualTo(404);
        assertThat(viewer.get("/tenant-roles").status()).isEqualTo(403);
        assertThat(realmAdmin.get("/tenants/acme/members/" + erin + "/roles").body()).isEqualTo("[\"Viewer\"]");
    }

    @Test
    void tenantAdminsManageOnlyRolesRankedAtOrBelowTheirOwn() throws Exception {
        // Carol is Admin in globex; Bob is its Owner.
        TrustpackAdminApi carol = apiAs(DemoRealm.CAROL, "openid organization:globex");
        String bob = userId(DemoRealm.BOB);
        String frank = createUser("frank", "globex.example");

        assertThat(carol.put("/tenants/globex/members/" + frank, "{\"roles\": [\"Manager\"]}").status()).isEqualTo(201);
        assertThat(carol.put("/tenants/globex/members/" + frank + "/roles/Admin", null).status()).isEqualTo(204);
        assertThat(carol.delete("/tenants/globex/members/" + frank + "/roles/Admin").status()).isEqualTo(204);

        Reply ownerGrant = carol.put("/tenants/globex/members/" + frank + "/roles/Owner", null);
        assertThat(ownerGrant.status()).isEqualTo(403);
        assertThat(ownerGrant.errorMessage()).contains("'Owner' is ranked above yours");
        assertThat(carol.delete("/tenants/globex/members/" + bob + "/roles/Owner").status()).isEqualTo(403);
        assertThat(carol.delete("/tenants/globex/members/" + bob).status()).as("removing the Owner").isEqualTo(403);
        assertThat(carol.put("/tenants/globex/members/" + frank + "/roles", "[\"Owner\"]").status()).isEqualTo(403);

        assertThat(realmAdmin.get("/tenants/globex/members/" + frank + "/roles").body()).isEqualTo("[\"Manager\"]");
        assertThat(realmAdmin.get("/tenants/globex/members/" + bob + "/roles").body()).isEqualTo("[\"Owner\"]");

        // An Owner manages every role.
        TrustpackAdminApi bobApi = apiAs(DemoRealm.BOB, "openid");
        assertThat(bobApi.put("/tenants/globex/members/" + frank + "/roles", "[\"Owner\", \"Viewer\"]").status())
                .isEqualTo(200);
        assertThat(bobApi.delete("/tenants/globex/members/" + frank).status()).isEqualTo(204);
    }

    @Test
    void tenantAdminsAddOnlyUsersWithAVerifiedEmailInTheTenantsDomains() throws Exception {
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");
        String inDomain = createUser("grace", "acme.example");
        String otherDomain = createUser("heidi", "globex.example");

        Reply added = alice.put("/tenants/acme/members/" + inDomain, "{\"roles\": [\"Viewer\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(texts(added.json().get("roles"))).containsExactly("Viewer");
        assertThat(alice.put("/tenants/acme/members/" + inDomain, null).status()).as("idempotent").isEqualTo(204);

        Reply refused = alice.put("/tenants/acme/members/" + otherDomain, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorMessage()).contains("verified email in the tenant's verified domains");
        assertThat(realmAdmin.get("/tenants/acme/members/" + otherDomain).status()).isEqualTo(404);

        // A domain the tenant claims but has not verified does not count: anyone could claim gmail.com.
        String unverifiedDomain = "unverified-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        OrganizationRepresentation acme = organization("acme");
        OrganizationDomainRepresentation claimed = new OrganizationDomainRepresentation(unverifiedDomain);
        claimed.setVerified(false);
        acme.addDomain(claimed);
        demo.admin().organizations().get(acme.getId()).update(acme).close();
        try {
            String outsider = createUser("ivy", unverifiedDomain);
            assertThat(alice.put("/tenants/acme/members/" + outsider, null).status()).isEqualTo(403);
        } finally {
            OrganizationRepresentation restored = organization("acme");
            restored.removeDomain(restored.getDomain(unverifiedDomain));
            demo.admin().organizations().get(restored.getId()).update(restored).close();
        }

        // A realm administrator may add anyone.
        assertThat(realmAdmin.put("/tenants/acme/members/" + otherDomain, null).status()).isEqualTo(201);
    }

    @Test
    void badInputGetsAClearErrorAndWritesNothing() throws Exception {
        String ivan = createUser("ivan", "acme.example");

        Reply unknownRole = realmAdmin.put("/tenants/acme/members/" + ivan, "{\"roles\": [\"Viewer\", \"Superuser\"]}");
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.errorMessage())
                .isEqualTo("Unknown tenant role 'Superuser'; the tenant roles are Owner, Admin, Manager, Viewer");
        assertThat(realmAdmin.get("/tenants/acme/members/" + ivan).status()).as("not half-added").isEqualTo(404);

        assertThat(realmAdmin.get("/tenants/no-such-tenant").errorMessage()).isEqualTo("No tenant 'no-such-tenant'");
        Reply noUser = realmAdmin.put("/tenants/acme/members/" + UUID.randomUUID() + "/roles/Viewer", null);
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(noUser.errorMessage()).startsWith("No user '");
        Reply notMember = realmAdmin.put("/tenants/acme/members/" + ivan + "/roles/Viewer", null);
        assertThat(notMember.status()).isEqualTo(404);
        assertThat(notMember.errorMessage()).contains("is not a member of tenant 'acme'");
        assertThat(realmAdmin.get("/tenants?max=0").status()).isEqualTo(400);
        assertThat(realmAdmin.get("/tenants?first=-1").status()).isEqualTo(400);

        realmAdmin.put("/tenants/acme/members/" + ivan, "{\"roles\": [\"Viewer\"]}");
        Reply notAnArray = realmAdmin.put("/tenants/acme/members/" + ivan + "/roles", "{\"roles\": \"Owner\"}");
        assertThat(notAnArray.status()).isEqualTo(400);
        Reply mixed = realmAdmin.put("/tenants/acme/members/" + ivan + "/roles", "[\"Manager\", \"Nope\"]");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(realmAdmin.get("/tenants/acme/members/" + ivan + "/roles").body()).as("unchanged").isEqualTo("[\"Viewer\"]");
    }

    @Test
    void everyChangeIsAnAdminEventWithTheCaller() throws Exception {
        String judy = createUser("judy", "acme.example");
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");
        long before = System.currentTimeMillis() - 1000;
        assertThat(alice.put("/tenants/acme/members/" + judy, "{\"roles\": [\"Manager\"]}").status()).isEqualTo(201);
        assertThat(alice.put("/tenants/acme/members/" + judy + "/roles/Viewer", null).status()).isEqualTo(204);
        assertThat(alice.delete("/tenants/acme/members/" + judy).status()).isEqualTo(204);

        String aliceId = userId(DemoRealm.ALICE);
        List<AdminEventRepresentation> events = demo.admin().getAdminEvents().stream()
                .filter(event -> event.getTime() >= before)
                .filter(event -> aliceId.equals(event.getAuthDetails().getUserId()))
                .filter(event -> event.getResourcePath() != null && event.getResourcePath().contains(judy))
                .toList();
        assertThat(events).extracting(event -> event.getOperationType() + " " + event.getResourceType())
                .containsExactlyInAnyOrder("CREATE ORGANIZATION_MEMBERSHIP", "CREATE ORGANIZATION_GROUP_MEMBERSHIP",
                        "DELETE ORGANIZATION_MEMBERSHIP");
        assertThat(events).allSatisfy(event -> assertThat(event.getResourcePath()).contains(judy));
    }

    @Test
    void theRoleSetIsReadableByTenantAdminsAndChangedOnlyByRealmAdmins() throws Exception {
        TrustpackAdminApi alice = apiAs(DemoRealm.ALICE, "openid");
        Reply read = alice.get("/tenant-roles");
        assertThat(read.status()).isEqualTo(200);
        assertThat(texts(read.json().get("roles"))).containsExactly("Owner", "Admin", "Manager", "Viewer");
        assertThat(texts(read.json().get("adminRoles"))).containsExactly("Owner", "Admin");

        String original = read.body();
        assertThat(alice.put("/tenant-roles", "{\"roles\": [\"Owner\"], \"adminRoles\": [\"Owner\"]}").status())
                .isEqualTo(403);

        Reply invalid = realmAdmin.put("/tenant-roles", "{\"roles\": [\"Owner\", \"Viewer\"], \"adminRoles\": [\"Admin\"]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorMessage()).isEqualTo(
                "Invalid value for 'trustpack.tenant-admin-roles': 'Admin' is not one of the tenant roles Owner, Viewer");
        assertThat(realmAdmin.get("/tenant-roles").body()).as("unchanged").isEqualTo(original);

        try {
            Reply changed = realmAdmin.put("/tenant-roles",
                    "{\"roles\": [\"Owner\", \"Admin\", \"Manager\", \"Viewer\", \"Auditor\"], \"adminRoles\": [\"Owner\", \"Admin\"]}");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(demo.admin().toRepresentation().getAttributes())
                    .containsEntry("trustpack.tenant-roles", "Owner,Admin,Manager,Viewer,Auditor");
            String carol = userId(DemoRealm.CAROL);
            assertThat(realmAdmin.put("/tenants/acme/members/" + carol + "/roles/Auditor", null).status()).isEqualTo(204);
            assertThat(realmAdmin.delete("/tenants/acme/members/" + carol + "/roles/Auditor").status()).isEqualTo(204);
        } finally {
            assertThat(realmAdmin.put("/tenant-roles", original).status()).isEqualTo(200);
        }
    }

    @Test
    void aTokenGivesTenantAdminPowersOnlyInTheTenantItIsFor() throws Exception {
        // Carol is Viewer in acme and Admin in globex: her acme token administers nothing.
        TrustpackAdminApi carolForAcme = apiAs(DemoRealm.CAROL, "openid organization:acme");
        String bob = userId(DemoRealm.BOB);

        assertThat(carolForAcme.get("/tenants").status()).isEqualTo(403);
        Reply changeInGlobex = carolForAcme.put("/tenants/globex/members/" + bob + "/roles/Viewer", null);
        assertThat(changeInGlobex.status()).isEqualTo(404);
        assertThat(changeInGlobex.errorMessage()).isEqualTo("No tenant 'globex'");
        assertThat(carolForAcme.get("/tenants/globex/members").status()).isEqualTo(404);
        assertThat(realmAdmin.get("/tenants/globex/members/" + bob + "/roles").body()).isEqualTo("[\"Owner\"]");

        TrustpackAdminApi carolForGlobex = apiAs(DemoRealm.CAROL, "openid organization:globex");
        Reply listed = carolForGlobex.get("/tenants");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(aliases(listed.json())).containsExactly("globex");
        assertThat(carolForGlobex.get("/tenants/acme").status()).isEqualTo(404);
    }

    @Test
    void aTenantAlwaysKeepsAnOwner() throws Exception {
        String alice = userId(DemoRealm.ALICE);
        String bob = userId(DemoRealm.BOB);
        TrustpackAdminApi aliceApi = apiAs(DemoRealm.ALICE, "openid");
        TrustpackAdminApi bobApi = apiAs(DemoRealm.BOB, "openid");

        Reply ownRole = aliceApi.delete("/tenants/acme/members/" + alice + "/roles/Owner");
        assertThat(ownRole.status()).isEqualTo(409);
        assertThat(ownRole.errorMessage()).isEqualTo("'alice' is the only Owner of tenant 'acme'; a tenant always keeps "
                + "at least one Owner. Grant Owner to another (enabled) member first.");
        assertThat(aliceApi.put("/tenants/acme/members/" + alice + "/roles", "[\"Admin\"]").status()).isEqualTo(409);
        assertThat(bobApi.delete("/tenants/globex/members/" + bob).status()).isEqualTo(409);
        assertThat(realmAdmin.delete("/tenants/globex/members/" + bob).status()).as("realm admins too").isEqualTo(409);
        assertThat(realmAdmin.get("/tenants/acme/members/" + alice + "/roles").body()).isEqualTo("[\"Owner\"]");
        assertThat(realmAdmin.get("/tenants/globex/members/" + bob + "/roles").body()).isEqualTo("[\"Owner\"]");

        // With a second Owner, the first may step down.
        String kate = createUser("kate", "acme.example");
        assertThat(realmAdmin.put("/tenants/acme/members/" + kate, "{\"roles\": [\"Owner\"]}").status()).isEqualTo(201);
        try {
            assertThat(aliceApi.delete("/tenants/acme/members/" + alice + "/roles/Owner").status()).isEqualTo(204);
            assertThat(realmAdmin.delete("/tenants/acme/members/" + kate + "/roles/Owner").status())
                    .as("now kate is the only Owner").isEqualTo(409);
        } finally {
            assertThat(realmAdmin.put("/tenants/acme/members/" + alice + "/roles/Owner", null).status()).isEqualTo(204);
        }
    }

    /** Two changes at once that would each leave one Owner: the tenant keeps one, whichever wins. */
    @Test
    void concurrentRemovalsOfTheLastTwoOwnersLeaveOne() throws Exception {
        String first = createUser("owner1", "acme.example");
        String second = createUser("owner2", "acme.example");
        for (String owner : List.of(first, second)) {
            assertThat(realmAdmin.put("/tenants/acme/members/" + owner, "{\"roles\": [\"Owner\"]}").status())
                    .isEqualTo(201);
        }
        String alice = userId(DemoRealm.ALICE);
        assertThat(realmAdmin.delete("/tenants/acme/members/" + alice + "/roles/Owner").status()).isEqualTo(204);
        try {
            for (int round = 0; round < 5; round++) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Integer>> replies = new ArrayList<>();
                    for (String owner : List.of(first, second)) {
                        replies.add(pool.submit(() -> {
                            start.await();
                            return realmAdmin.delete("/tenants/acme/members/" + owner + "/roles/Owner").status();
                        }));
                    }
                    start.countDown();
                    List<Integer> statuses = new ArrayList<>();
                    for (Future<Integer> reply : replies) {
                        statuses.add(reply.get(30, TimeUnit.SECONDS));
                    }
                    assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(204, 409);
                } finally {
                    pool.shutdownNow();
                }
                long owners = realmAdmin.get("/tenants/acme/members").json().findValues("roles").stream()
                        .filter(roles -> roles.toString().contains("\"Owner\"")).count();
                assertThat(owners).as("round %d", round).isEqualTo(1);
                for (String owner : List.of(first, second)) {
                    realmAdmin.put("/tenants/acme/members/" + owner + "/roles/Owner", null);
                }
            }
        } finally {
            assertThat(realmAdmin.put("/tenants/acme/members/" + alice + "/roles/Owner", null).status()).isEqualTo(204);
        }
    }

    @Test
    void queryParametersThatAreNotNumbersAreBadRequests() throws Exception {
        for (String query : List.of("/tenants?first=abc", "/tenants?max=ten", "/tenants/acme/members?first=1.5",
                "/tenants/acme/members?max=99999999999")) {
            Reply reply = realmAdmin.get(query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().path("field").asText()).as(query).isIn("first", "max");
        }
        assertThat(realmAdmin.get("/tenants?first=abc").errorMessage())
                .isEqualTo("Query parameter 'first' must be an integer 0 or more, not 'abc'");
    }

    private String createUser(String name, String domain) {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), name, domain);
        createdUsers.add(user.id());
        return user.id();
    }

    /** The full representation (the list endpoints answer brief ones). */
    private OrganizationRepresentation organization(String alias) {
        String id = demo.admin().organizations().getAll().stream().filter(o -> alias.equals(o.getAlias())).findFirst()
                .orElseThrow().getId();
        return demo.admin().organizations().get(id).toRepresentation();
    }

    private String username(String userId) {
        return demo.admin().users().get(userId).toRepresentation().getUsername();
    }

    private String userId(String username) {
        return TestUsers.id(demo.admin(), username);
    }

    private static List<String> aliases(JsonNode tenants) {
        List<String> aliases = new ArrayList<>();
        tenants.forEach(tenant -> aliases.add(tenant.get("alias").asText()));
        return aliases;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
