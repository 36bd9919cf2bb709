package dev.trustpack.it.argon2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.LegacyFixtures;
import dev.trustpack.it.support.LegacyFixtures.Fixture;
import dev.trustpack.it.support.PasswordCredentials;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.ServerMetrics;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;

/**
 * Users move in with the hashes their old system stored (made here by the reference implementations), sign in
 * without a reset, and leave only Argon2id behind.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class LegacyImportIT extends DirectGrantTest {

    private final List<String> importedUsernames = new ArrayList<>();

    @AfterEach
    void deleteImportedUsers() {
        for (String username : importedUsernames) {
            demo.admin().users().searchByUsername(username, true)
                    .forEach(user -> demo.admin().users().delete(user.getId()).close());
        }
        importedUsernames.clear();
    }

    @Test
    void everyLegacyFormatImportsSignsInAndIsUpgradedToArgon2id() throws Exception {
        List<Fixture> fixtures = LegacyFixtures.all();
        List<String> lines = new ArrayList<>();
        List<String> usernames = new ArrayList<>();
        for (Fixture fixture : fixtures) {
            String username = username("legacy-" + fixture.format());
            usernames.add(username);
            lines.add(record(username, fixture.hash(), null));
        }
        Reply imported = realmAdmin.post("/users/import", "application/x-ndjson", String.join("\n", lines));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("created").asInt()).isEqualTo(fixtures.size());

        for (int i = 0; i < fixtures.size(); i++) {
            Fixture fixture = fixtures.get(i);
            String userId = TestUsers.id(demo.admin(), usernames.get(i));
            assertThat(PasswordCredentials.only(demo.admin(), userId).algorithm()).isEqualTo(fixture.algorithm());

            TokenResponse login = client.passwordGrant(usernames.get(i), fixture.password(), "openid");
            assertThat(login.status()).as("%s / %s: %s", fixture.format(), fixture.passwordId(), login.body())
                    .isEqualTo(200);
            assertThat(client.verify(login.accessToken(), "account", Map.of()).getSubject()).isEqualTo(userId);

            PasswordCredentials.Stored upgraded = PasswordCredentials.awaitAlgorithm(demo.admin(), userId,
                    "trustpack-argon2id");
            assertThat(upgraded.algorithm()).as("no legacy hash remains (%s)", fixture.format())
                    .isEqualTo("trustpack-argon2id");
            assertThat(client.passwordGrant(usernames.get(i), fixture.password(), "openid").status())
                    .as("signs in with the upgraded hash").isEqualTo(200);
        }
    }

    @Test
    void aWrongPasswordUpgradesNothingAndCountsTowardBruteForce() throws Exception {
        Fixture bcrypt = fixture("bcrypt", "ascii");
        String username = username("wrong");
        assertThat(realmAdmin.post("/users/import", "application/json", "[" + record(username, bcrypt.hash(), null) + "]")
                .json().get("created").asInt()).isEqualTo(1);
        String userId = TestUsers.id(demo.admin(), username);
        try {
            TokenResponse wrong = client.passwordGrant(username, bcrypt.password() + "!", "openid");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.error()).isEqualTo("invalid_grant");
            assertThat(PasswordCredentials.only(demo.admin(), userId).algorithm()).isEqualTo("trustpack-bcrypt");
            assertThat(demo.admin().attackDetection().bruteForceUserStatus(userId)).containsEntry("numFailures", 1);
        } finally {
            demo.admin().attackDetection().clearBruteForceForUser(userId);
        }
    }

    @Test
    void badRecordsAreReportedWithTheirLineWhileTheGoodOnesGoIn() throws Exception {
        String good = username("good");
        String unknownTenant = username("no-tenant");
        String body = String.join("\n",
                record(good, fixture("django-pbkdf2-sha256", "ascii").hash(), null),
                record(username("md5"), "md5$salt$0123456789abcdef", null),
                record(username("cost"), "$2b$31$dgKNFhD.dNUI8sSXl7asnuzl4rpgcAliFAfQaluQn3XoJPnXvyIGO", null),
                "{\"username\": \"" + username("typo") + "\", \"pasword\": \"x\"}",
                record(unknownTenant, fixture("bcrypt", "ascii").hash(), "[{\"alias\": \"no-such-tenant\", \"roles\": []}]"),
                record(username("role"), fixture("bcrypt", "ascii").hash(), "[{\"alias\": \"acme\", \"roles\": [\"Superuser\"]}]"),
                "{not json",
                record(good, fixture("bcrypt", "ascii").hash(), null),
                "{\"email\": \"nobody@example.org\"}",
                "",
                record(username("absurd"), "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0MDAwMQ$0VWIdsxMTeqsBIPPnUige09yViwVni7lQLEinvm", null));
        Reply reply = realmAdmin.post("/users/import", "application/x-ndjson", body);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(reply.json().get("created").asInt()).isEqualTo(1);
        assertThat(reply.json().get("invalid").asInt()).isEqualTo(9);

        assertThat(result(results, 1)).isEqualTo("created");
        assertThat(error(results, 2)).startsWith("password: unsupported hash format");
        assertThat(error(results, 3)).isEqualTo("password: bcrypt cost 31 outside 4..16");
        assertThat(error(results, 4)).isEqualTo("unknown field 'pasword'");
        assertThat(error(results, 5)).isEqualTo("tenant 'no-such-tenant' does not exist");
        assertThat(error(results, 6)).contains("tenant role 'Superuser' is not defined");
        assertThat(error(results, 7)).startsWith("not valid JSON");
        assertThat(error(results, 8)).isEqualTo("duplicate username: also on line 1");
        assertThat(error(results, 9)).isEqualTo("username is required");
        assertThat(error(results, 11)).contains("exceeds the limit");
        assertThat(reply.body()).as("no hash in the report").doesNotContain("dgKNFhD", "0VWIdsxM", "0123456789abcdef");

        assertThat(demo.admin().users().searchByUsername(good, true)).hasSize(1);
        assertThat(demo.admin().users().searchByUsername(unknownTenant, true)).as("nothing half-written").isEmpty();
    }

    @Test
    void aDryRunWritesNothingAndRunningTheSameFileAgainIsSafe() throws Exception {
        String first = username("rerun-a");
        String second = username("rerun-b");
        String body = "[" + record(first, fixture("bcrypt", "ascii").hash(), null) + ","
                + record(second, fixture("phc-argon2", "ascii").hash(), null) + "]";

        Reply dryRun = realmAdmin.post("/users/import?dryRun=true", "application/json", body);
        assertThat(dryRun.json().get("valid").asInt()).isEqualTo(2);
        assertThat(dryRun.json().get("created").asInt()).isZero();
        assertThat(demo.admin().users().searchByUsername(first, true)).isEmpty();

        assertThat(realmAdmin.post("/users/import", "application/json", body).json().get("created").asInt()).isEqualTo(2);
        Reply again = realmAdmin.post("/users/import", "application/json", body);
        assertThat(again.json().get("existing").asInt()).isEqualTo(2);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(demo.admin().users().searchByUsername(first, true)).hasSize(1);
    }

    @Test
    void hostileBodiesGetAClearAnswerNeverAServerErrorAndImportNothing() throws Exception {
        String afterHostile = username("after-hostile");
        String lines = String.join("\n",
                "{\"username\": \"x\", \"n\": " + "[".repeat(1200) + "]".repeat(1200) + "}",
                "{\"username\": \"y\", \"n\": " + "7".repeat(1001) + "}",
                record(afterHostile, fixture("bcrypt", "ascii").hash(), null));
        Reply perLine = realmAdmin.post("/users/import", "application/x-ndjson", lines);
        assertThat(perLine.status()).as(perLine.body()).isEqualTo(200);
        JsonNode results = perLine.json().get("results");
        assertThat(error(results, 1)).startsWith("exceeds a parser limit: Document nesting depth");
        assertThat(error(results, 2))
                .isEqualTo("exceeds a parser limit: Number value length (1001) exceeds the maximum allowed (64)");
        assertThat(result(results, 3)).as("the other lines go on").isEqualTo("created");

        String first = username("array-first");
        String firstRecord = record(first, fixture("bcrypt", "ascii").hash(), null);
        Reply nested = realmAdmin.post("/users/import", "application/json",
                "[" + firstRecord + ", " + "[".repeat(1200) + "]".repeat(1200) + "]");
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        assertThat(nested.errorMessage()).startsWith("The body exceeds a parser limit: Document nesting depth")
                .endsWith("(in record 2)");
        Reply number = realmAdmin.post("/users/import", "application/json",
                "[" + firstRecord + ", {\"n\": " + "9".repeat(1001) + "}]");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.errorMessage()).isEqualTo("The body exceeds a parser limit: Number value length (1001) "
                + "exceeds the maximum allowed (64) (in record 2)");

        Reply overOurLimit = realmAdmin.post("/users/import", "application/json",
                "[" + firstRecord + " ".repeat(9 * 1024 * 1024) + "]");
        assertThat(overOurLimit.status()).isEqualTo(413);
        assertThat(overOurLimit.errorMessage()).isEqualTo("The body is larger than 8 MiB, the import limit; split the file");

        // Past Keycloak's own HTTP body limit (10 MiB) the server refuses the request before any provider sees it.
        int overHttpLimit = realmAdmin.postStatus("/users/import", "application/json",
                "[" + firstRecord + " ".repeat(12 * 1024 * 1024) + "]");
        assertThat(overHttpLimit).isEqualTo(413);

        assertThat(demo.admin().users().searchByUsername(first, true)).as("nothing imported").isEmpty();
    }

    /**
     * What only the database or the tenancy module refuses (an email used twice in the file or already taken, an
     * organization group in the way of a tenant role) is reported by the dry run exactly as by the real run.
     */
    @Test
    void aDryRunReportsWhatTheRealRunRefusesAndWhy() throws Exception {
        String alias = "import-" + UUID.randomUUID().toString().substring(0, 8);
        OrganizationRepresentation organization = new OrganizationRepresentation();
        organization.setName(alias);
        organization.setAlias(alias);
        organization.setEnabled(true);
        organization.addDomain(new OrganizationDomainRepresentation(alias + ".example"));
        String organizationId;
        try (var created = demo.admin().organizations().create(organization)) {
            assertThat(created.getStatus()).isEqualTo(201);
            organizationId = CreatedResponseUtil.getCreatedId(created);
        }
        try {
            GroupRepresentation inTheWay = new GroupRepresentation();
            inTheWay.setName("Manager");
            demo.admin().organizations().get(organizationId).groups().addTopLevelGroup(inTheWay).close();
            String takenEmail = demo.admin().users().searchByUsername(DemoRealm.ALICE, true).get(0).getEmail();
            assertThat(takenEmail).isNotBlank();

            String hash = fixture("bcrypt", "ascii").hash();
            String owner = username("shared-email-a");
            String copy = username("shared-email-b");
            String manager = username("group-conflict");
            String taken = username("taken-email");
            String fine = username("fine");
            String body = String.join("\n",
                    record(owner, hash, null, "Shared." + owner + "@example.org"),
                    record(copy, hash, null, "shared." + owner + "@EXAMPLE.org"),
                    record(manager, hash, "[{\"alias\": \"" + alias + "\", \"roles\": [\"Manager\"]}]", null),
                    record(taken, hash, null, takenEmail),
                    record(fine, hash, "[{\"alias\": \"" + alias + "\", \"roles\": [\"Viewer\"]}]", null));

            Reply dryRun = realmAdmin.post("/users/import?dryRun=true", "application/x-ndjson", body);
            assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
            assertThat(dryRun.json().get("rehearsed").asBoolean()).isTrue();
            JsonNode rehearsal = dryRun.json().get("results");
            assertThat(result(rehearsal, 1)).isEqualTo("valid");
            assertThat(error(rehearsal, 2)).isEqualTo("duplicate email: also on line 1");
            assertThat(error(rehearsal, 3)).contains("Tenant '" + alias + "' already has an organization group named "
                    + "'Manager' that is not a Trustpack tenant-role group");
            assertThat(error(rehearsal, 4)).isEqualTo("email: another user already has this email");
            assertThat(result(rehearsal, 5)).isEqualTo("valid");
            for (String username : List.of(owner, copy, manager, taken, fine)) {
                assertThat(demo.admin().users().searchByUsername(username, true)).as("dry run: %s", username).isEmpty();
            }
            assertThat(demo.admin().organizations().get(organizationId).groups().getAll(null, null, null, null, null,
                    false, false)).as("the rehearsal's role group was rolled back").extracting(GroupRepresentation::getName)
                    .containsExactly("Manager");

            Reply real = realmAdmin.post("/users/import", "application/x-ndjson", body);
            assertThat(real.json().get("created").asInt()).as(real.body()).isEqualTo(2);
            JsonNode outcome = real.json().get("results");
            for (int line = 1; line <= 5; line++) {
                assertThat(entry(outcome, line).path("error").asText()).as("line %d", line)
                        .isEqualTo(entry(rehearsal, line).path("error").asText());
            }
            assertThat(demo.admin().users().searchByUsername(manager, true)).as("nothing half-written").isEmpty();
            assertThat(demo.admin().organizations().get(organizationId).members().getAll())
                    .extracting(UserRepresentation::getUsername).containsExactly(fine);
        } finally {
            demo.admin().organizations().get(organizationId).delete().close();
        }
    }

    @Test
    void importedTenantMembershipsAndRolesReachTheToken() throws Exception {
        String username = username("tenant-import");
        realmAdmin.post("/users/import", "application/json", "[" + record(username,
                fixture("django-argon2", "ascii").hash(), "[{\"alias\": \"acme\", \"roles\": [\"Manager\"]}]") + "]");
        TokenResponse tokens = client.passwordGrant(username, LegacyFixtures.PASSWORDS.get("ascii"), "openid");
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        Map<String, Object> claims = RelyingParty.unverifiedClaims(tokens.accessToken());
        assertThat(((Map<?, ?>) claims.get("tenant")).get("alias")).isEqualTo("acme");
        assertThat(claims.get("tenant_roles")).isEqualTo(List.of("Manager"));
    }

    @Test
    void storedHashesWithAbsurdParametersAreRefusedAtLoginNotAnOutage() throws Exception {
        String username = username("absurd-stored");
        // The import refuses such a hash, so it arrives the other way an admin could store it: a realm import.
        importThroughRealmImport(username, "trustpack-phc-argon2",
                "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0MDAwMQ$0VWIdsxMTeqsBIPPnUige09yViwVni7lQLEinvm");
        double refusalsBefore = ServerMetrics.sum(urls, "trustpack_password_hash_refusals_total", "reason=\"unusable_hash\"");

        TokenResponse login = client.passwordGrant(username, "correct horse battery staple", "openid");
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.error()).isEqualTo("invalid_grant");
        assertThat(ServerMetrics.sum(urls, "trustpack_password_hash_refusals_total", "reason=\"unusable_hash\"")).isGreaterThan(refusalsBefore);
        assertThat(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid").status())
                .as("the server carries on").isEqualTo(200);
    }

    @Test
    void theRealmImportJsonFormOfALegacyCredentialWorksToo() throws Exception {
        Fixture fixture = fixture("django-bcrypt-sha256", "unicode");
        String username = username("realm-import");
        importThroughRealmImport(username, fixture.algorithm(), fixture.hash());
        assertThat(client.passwordGrant(username, fixture.password(), "openid").status()).isEqualTo(200);
        assertThat(PasswordCredentials.awaitAlgorithm(demo.admin(), TestUsers.id(demo.admin(), username),
                "trustpack-argon2id").algorithm()).isEqualTo("trustpack-argon2id");
    }

    /**
     * Two first logins at the same moment both verify the legacy hash and both re-hash it. Keycloak's brute-force
     * protection turns a concurrent second attempt away (user_temporarily_disabled), so it is off here to let the
     * two re-hashes really race; several users make an overlap likely.
     */
    @Test
    void twoConcurrentFirstLoginsLeaveExactlyOneValidCredential() throws Exception {
        Fixture fixture = fixture("django-pbkdf2-sha256", "ascii");
        List<String> users = new ArrayList<>();
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String username = username("concurrent");
            users.add(username);
            records.append(record(username, fixture.hash(), null)).append('\n');
        }
        realmAdmin.post("/users/import", "application/x-ndjson", records.toString());
        RealmRepresentation realm = demo.admin().toRepresentation();
        realm.setBruteForceProtected(false);
        demo.admin().update(realm);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String username : users) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> logins = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    logins.add(pool.submit(() -> {
                        start.await();
                        return client.passwordGrant(username, fixture.password(), "openid").status();
                    }));
                }
                start.countDown();
                for (Future<Integer> login : logins) {
                    assertThat(login.get(60, TimeUnit.SECONDS)).as(username).isEqualTo(200);
                }
                String userId = TestUsers.id(demo.admin(), username);
                PasswordCredentials.Stored stored = PasswordCredentials.awaitAlgorithm(demo.admin(), userId,
                        "trustpack-argon2id");
                assertThat(PasswordCredentials.of(demo.admin(), userId)).as(username).hasSize(1);
                assertThat(stored.algorithm()).isEqualTo("trustpack-argon2id");
                assertThat(client.passwordGrant(username, fixture.password(), "openid").status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
            realm.setBruteForceProtected(true);
            demo.admin().update(realm);
        }
    }

    @Test
    void theMigrationReportShowsWhoStillWaitsForTheUpgrade() throws Exception {
        Fixture fixture = fixture("django-pbkdf2-sha1", "ascii");
        String username = username("report");
        realmAdmin.post("/users/import", "application/json", "[" + record(username, fixture.hash(), null) + "]");

        JsonNode before = realmAdmin.get("/users/password-hashes").json();
        assertThat(before.get("targetAlgorithm").asText()).isEqualTo("trustpack-argon2id");
        assertThat(before.get("targetParameters").asText()).isEqualTo("m=19456,t=2,p=1");
        long legacyBefore = groupCount(before, "trustpack-django-pbkdf2-sha1");
        assertThat(legacyBefore).isGreaterThanOrEqualTo(1);
        assertThat(before.get("toUpgrade").asLong()).isGreaterThanOrEqualTo(1);

        assertThat(client.passwordGrant(username, fixture.password(), "openid").status()).isEqualTo(200);
        PasswordCredentials.awaitAlgorithm(demo.admin(), TestUsers.id(demo.admin(), username), "trustpack-argon2id");
        JsonNode after = realmAdmin.get("/users/password-hashes").json();
        assertThat(groupCount(after, "trustpack-django-pbkdf2-sha1")).isEqualTo(legacyBefore - 1);
        assertThat(after.get("current").asLong()).isEqualTo(before.get("current").asLong() + 1);
        assertThat(after.toString()).doesNotContain(fixture.hash().substring(20));
    }

    /** A credential exported by another Keycloak (its PBKDF2 format), hashed here by the JDK's own PBKDF2. */
    @Test
    void aKeycloakPbkdf2CredentialImportsSignsInAndIsUpgraded() throws Exception {
        String password = "exported from another keycloak";
        byte[] salt = "sixteen byte slt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
                new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, 27500, 512)).getEncoded();
        String username = username("keycloak-pbkdf2");
        String body = "[{\"username\": \"" + username + "\", \"email\": \"" + username + "@example.org\", "
                + "\"emailVerified\": true, \"firstName\": \"Key\", \"lastName\": \"Cloak\", \"password\": "
                + "{\"algorithm\": \"pbkdf2-sha256\", \"iterations\": 27500, \"salt\": \""
                + java.util.Base64.getEncoder().encodeToString(salt) + "\", \"hash\": \""
                + java.util.Base64.getEncoder().encodeToString(hash) + "\"}}]";
        Reply imported = realmAdmin.post("/users/import", "application/json", body);
        assertThat(imported.json().get("created").asInt()).as(imported.body()).isEqualTo(1);
        String userId = TestUsers.id(demo.admin(), username);
        assertThat(PasswordCredentials.only(demo.admin(), userId).algorithm()).isEqualTo("pbkdf2-sha256");

        assertThat(client.passwordGrant(username, password + "?", "openid").status()).isEqualTo(400);
        assertThat(client.passwordGrant(username, password, "openid").status()).isEqualTo(200);
        assertThat(PasswordCredentials.awaitAlgorithm(demo.admin(), userId, "trustpack-argon2id").algorithm())
                .isEqualTo("trustpack-argon2id");
        demo.admin().attackDetection().clearBruteForceForUser(userId);
    }

    @Test
    void onlyUserManagersMayImport() throws Exception {
        var alice = apiAs(DemoRealm.ALICE, "openid");
        assertThat(alice.post("/users/import", "application/json", "[" + record(username("x"),
                fixture("bcrypt", "ascii").hash(), null) + "]").status()).isEqualTo(403);
        assertThat(alice.get("/users/password-hashes").status()).isEqualTo(403);
    }

    private void importThroughRealmImport(String username, String algorithm, String hash) throws Exception {
        importedUsernames.add(username);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.org");
        user.setFirstName("Imported");
        user.setLastName("Realm");
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setCredentialData(JsonSerialization.writeValueAsString(Map.of(
                "hashIterations", 0, "algorithm", algorithm, "additionalParameters", Map.of())));
        credential.setSecretData(JsonSerialization.writeValueAsString(Map.of(
                "value", hash, "salt", "", "additionalParameters", Map.of())));
        user.setCredentials(List.of(credential));
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setUsers(List.of(user));
        partial.setIfResourceExists("FAIL");
        try (var response = demo.admin().partialImport(partial)) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    private String username(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        importedUsernames.add(username);
        return username;
    }

    private static String record(String username, String hash, String tenantsJson) throws Exception {
        return record(username, hash, tenantsJson, null);
    }

    private static String record(String username, String hash, String tenantsJson, String email) throws Exception {
        String base = "{\"username\": " + JsonSerialization.writeValueAsString(username)
                + ", \"email\": " + JsonSerialization.writeValueAsString(email == null ? username + "@example.org" : email)
                + ", \"emailVerified\": true, \"firstName\": \"Legacy\", \"lastName\": \"User\""
                + ", \"password\": " + JsonSerialization.writeValueAsString(hash);
        return base + (tenantsJson == null ? "" : ", \"tenants\": " + tenantsJson) + "}";
    }

    private static Fixture fixture(String format, String passwordId) {
        return LegacyFixtures.all().stream().filter(f -> f.format().equals(format) && f.passwordId().equals(passwordId))
                .findFirst().orElseThrow();
    }

    private static String result(JsonNode results, int line) {
        return entry(results, line).get("status").asText();
    }

    private static String error(JsonNode results, int line) {
        JsonNode entry = entry(results, line);
        assertThat(entry.get("status").asText()).as("line %d", line).isEqualTo("invalid");
        return entry.get("error").asText();
    }

    private static JsonNode entry(JsonNode results, int line) {
        for (JsonNode result : results) {
            if (result.get("line").asInt() == line) {
                return result;
            }
        }
        throw new AssertionError("no result for line " + line + " in " + results);
    }

    private static long groupCount(JsonNode report, String algorithm) {
        long count = 0;
        for (JsonNode group : report.get("groups")) {
            if (group.get("algorithm").asText().equals(algorithm)) {
                count += group.get("credentials").asLong();
            }
        }
        return count;
    }
}
