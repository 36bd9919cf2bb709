package dev.trustpack.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DemoRealmTest;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackServerConfig;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** realm-config/ as run.sh imports it: what a new user of Trustpack gets. */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class DemoRealmIT extends DemoRealmTest {

    @Test
    void realmUsesOurThemeOrganizationsBruteForceDetectionAndEvents() {
        RealmRepresentation realm = demo.admin().toRepresentation();
        assertThat(realm.getLoginTheme()).isEqualTo("trustpack");
        assertThat(realm.isOrganizationsEnabled()).isTrue();
        assertThat(realm.isBruteForceProtected()).isTrue();
        assertThat(realm.isEventsEnabled()).isTrue();
        assertThat(realm.isAdminEventsEnabled()).isTrue();
    }

    @Test
    void passwordPolicyFollowsNist80063bWithoutCompositionRules() {
        String policy = demo.admin().toRepresentation().getPasswordPolicy();
        assertThat(policy).contains("length(12)", "maxLength(128)", "notContainsUsername", "notEmail",
                "hashAlgorithm(trustpack-argon2id)");
        assertThat(policy).doesNotContain("digits", "upperCase", "lowerCase", "specialChars", "forceExpiredPasswordChange");
    }

    @Test
    void passwordPolicyIsEnforcedOnNewPasswords() {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "policy", "acme.example");
        String username = user.username();
        String userId = user.id();
        try {
            assertThatThrownBy(() -> setPassword(userId, "elevenchars"))
                    .isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> setPassword(userId, "xx-" + username + "-xx-long"))
                    .isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> setPassword(userId, "x".repeat(129)))
                    .isInstanceOf(BadRequestException.class);
            // Twelve lower-case letters: long enough, and no composition rule may refuse it.
            setPassword(userId, "twelvelowers");
            // Long pass phrases with spaces and Unicode (NIST: at least 64 characters must be allowed).
            String passPhrase = "a long pass phrase with spaces, punctuation and unicode: ünïcødé ✓ ok";
            assertThat(passPhrase.length()).isGreaterThanOrEqualTo(64);
            setPassword(userId, passPhrase);
        } finally {
            demo.admin().users().delete(userId).close();
        }
    }

    @Test
    void tenantsAcmeAndGlobexHaveVerifiedDomainsAndCarolIsInBoth() {
        OrganizationRepresentation acme = organization("acme");
        OrganizationRepresentation globex = organization("globex");

        assertThat(acme.getDomains()).extracting(OrganizationDomainRepresentation::getName).containsExactly("acme.example");
        assertThat(globex.getDomains()).extracting(OrganizationDomainRepresentation::getName).containsExactly("globex.example");
        assertThat(acme.getDomains()).allMatch(OrganizationDomainRepresentation::isVerified);
        assertThat(globex.getDomains()).allMatch(OrganizationDomainRepresentation::isVerified);

        assertThat(memberNames(acme)).containsExactlyInAnyOrder(DemoRealm.ALICE, DemoRealm.CAROL);
        assertThat(memberNames(globex)).containsExactlyInAnyOrder(DemoRealm.BOB, DemoRealm.CAROL);
    }

    @Test
    void demoUsersHoldTenantRolesAndCarolHoldsDifferentRolesInEachTenant() {
        assertThat(demo.admin().toRepresentation().getAttributes())
                .containsEntry("trustpack.tenant-roles", "Owner,Admin,Manager,Viewer")
                .containsEntry("trustpack.tenant-admin-roles", "Owner,Admin");
        assertThat(roleGroupsOf("acme", DemoRealm.ALICE)).containsExactly("Owner");
        assertThat(roleGroupsOf("acme", DemoRealm.CAROL)).containsExactly("Viewer");
        assertThat(roleGroupsOf("globex", DemoRealm.BOB)).containsExactly("Owner");
        assertThat(roleGroupsOf("globex", DemoRealm.CAROL)).containsExactly("Admin");
    }

    @Test
    void browserAndPasswordLoginsGoThroughTheTenantStep() {
        RealmRepresentation realm = demo.admin().toRepresentation();
        assertThat(realm.getBrowserFlow()).isEqualTo("trustpack browser");
        assertThat(realm.getDirectGrantFlow()).isEqualTo("trustpack direct grant");
        assertThat(demo.admin().flows().getExecutions("trustpack browser"))
                .anySatisfy(execution -> {
                    assertThat(execution.getProviderId()).isEqualTo("trustpack-tenant-selector");
                    assertThat(execution.getRequirement()).isEqualTo("REQUIRED");
                    assertThat(execution.getLevel()).as("top level: runs on SSO logins too").isZero();
                });
        assertThat(demo.admin().flows().getExecutions("trustpack direct grant"))
                .anySatisfy(execution -> assertThat(execution.getProviderId()).isEqualTo("trustpack-tenant-direct-grant"));
    }

    @Test
    void spaClientIsPublicCodeFlowWithPkceS256AndLoopbackRedirectsOnly() {
        ClientRepresentation spa = client(DemoRealm.SPA_CLIENT);
        assertThat(spa.isPublicClient()).isTrue();
        assertThat(spa.isStandardFlowEnabled()).isTrue();
        assertThat(spa.isImplicitFlowEnabled()).isFalse();
        assertThat(spa.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(spa.isServiceAccountsEnabled()).isFalse();
        assertThat(spa.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(spa.getRedirectUris()).isNotEmpty().allSatisfy(uri -> assertThat(URI.create(uri.replace("*", "x")).getHost())
                .isIn("localhost", "127.0.0.1"));
    }

    @Test
    void backendClientIsConfidentialAndItsSecretCameFromTheEnvironmentPlaceholder() throws Exception {
        ClientRepresentation backend = client(DemoRealm.BACKEND_CLIENT);
        assertThat(backend.isPublicClient()).isFalse();
        assertThat(backend.isServiceAccountsEnabled()).isTrue();

        HttpResponse<String> granted = clientCredentialsGrant(DemoRealm.BACKEND_SECRET);
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).contains("\"access_token\"");

        HttpResponse<String> refused = clientCredentialsGrant("${TRUSTPACK_BACKEND_CLIENT_SECRET}");
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void realmFileCommitsNoSecretOnlyEnvironmentPlaceholders() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(DemoRealm.rawJson());
        for (JsonNode user : realm.get("users")) {
            for (JsonNode credential : user.get("credentials")) {
                assertThat(credential.get("value").asText()).as("password of " + user.get("username"))
                        .matches("\\$\\{TRUSTPACK_[A-Z_]+}");
            }
        }
        for (JsonNode client : realm.get("clients")) {
            if (client.has("secret")) {
                assertThat(client.get("secret").asText()).as("secret of " + client.get("clientId"))
                        .matches("\\$\\{TRUSTPACK_[A-Z_]+}");
            }
        }
    }

    private OrganizationRepresentation organization(String alias) {
        List<OrganizationRepresentation> found = demo.admin().organizations().getAll().stream()
                .filter(organization -> alias.equals(organization.getAlias())).toList();
        assertThat(found).as("organization " + alias).hasSize(1);
        return demo.admin().organizations().get(found.get(0).getId()).toRepresentation();
    }

    private List<String> memberNames(OrganizationRepresentation organization) {
        return demo.admin().organizations().get(organization.getId()).members().list(0, 100).stream()
                .map(MemberRepresentation::getUsername).toList();
    }

    /** Names of the tenant-role organization groups the user is in. */
    private List<String> roleGroupsOf(String alias, String username) {
        String userId = TestUsers.id(demo.admin(), username);
        return demo.admin().organizations().get(organization(alias).getId()).members().member(userId)
                .groups(0, 100, false).stream()
                .filter(group -> group.getAttributes() != null && group.getAttributes().containsKey("trustpack.tenant-role"))
                .map(group -> group.getName()).toList();
    }

    private ClientRepresentation client(String clientId) {
        List<ClientRepresentation> found = demo.admin().clients().findByClientId(clientId);
        assertThat(found).as("client " + clientId).hasSize(1);
        return found.get(0);
    }

    private void setPassword(String userId, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        demo.admin().users().get(userId).resetPassword(credential);
    }

    private HttpResponse<String> clientCredentialsGrant(String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((DemoRealm.BACKEND_CLIENT + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
