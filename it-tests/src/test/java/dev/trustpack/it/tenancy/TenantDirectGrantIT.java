package dev.trustpack.it.tenancy;

import static dev.trustpack.it.tenancy.TenantTokensIT.assertNoTenantRolesInGlobalRoleClaims;
import static dev.trustpack.it.tenancy.TenantTokensIT.assertTenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.EventPoller;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectEvents;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.events.Events;
import org.keycloak.util.JsonSerialization;

/**
 * The password grant follows the same tenant rules as the browser, and nothing a user or a misconfigured mapper
 * puts into user attributes reaches the tenant claims.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class TenantDirectGrantIT extends DirectGrantTest {

    @InjectEvents(realmRef = "demo")
    Events events;

    @Test
    void aUserWithOneTenantGetsItWithoutNamingIt() throws Exception {
        TokenResponse tokens = client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        assertTenant(claims(tokens.accessToken()), "acme", "Acme Corp", List.of("Owner"));
        assertTenant(claims(tokens.idToken()), "acme", "Acme Corp", List.of("Owner"));
    }

    @Test
    void aUserInSeveralTenantsMustNameOne() throws Exception {
        TokenResponse refused = client.passwordGrant(DemoRealm.CAROL, DemoRealm.PASSWORD, "openid");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_request");
        assertThat(refused.accessToken()).isNull();

        TokenResponse globex = client.passwordGrant(DemoRealm.CAROL, DemoRealm.PASSWORD, "openid organization:globex");
        assertThat(globex.status()).as("%s", globex.body()).isEqualTo(200);
        Map<String, Object> access = claims(globex.accessToken());
        assertTenant(access, "globex", "Globex Corporation", List.of("Admin"));
        assertNoTenantRolesInGlobalRoleClaims(access);

        TokenResponse refreshed = client.refresh(globex.refreshToken());
        assertThat(refreshed.status()).as("%s", refreshed.body()).isEqualTo(200);
        assertTenant(claims(refreshed.accessToken()), "globex", "Globex Corporation", List.of("Admin"));
    }

    @Test
    void aTenantTheUserIsNotAMemberOfIsRefused() throws Exception {
        TokenResponse refused = client.passwordGrant(DemoRealm.BOB, DemoRealm.PASSWORD, "openid organization:acme");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_scope");
        assertThat(refused.accessToken()).isNull();

        EventRepresentation event = EventPoller.next(events, EventType.LOGIN_ERROR);
        assertThat(event.getError()).isEqualTo("tenant_not_allowed");
        assertThat(event.getClientId()).isEqualTo(TestClients.DirectGrant.CLIENT_ID);

        String bobId = userId(DemoRealm.BOB);
        assertThat(demo.admin().attackDetection().bruteForceUserStatus(bobId))
                .as("a refused tenant is not a failed password").containsEntry("numFailures", 0);
    }

    @Test
    void standardClaimsAreLeftToKeycloak() throws Exception {
        TokenResponse tokens = client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
        Map<String, Object> access = client.verify(tokens.accessToken(), "account", Map.of()).toJSONObject();
        assertThat(access.get("sub")).isEqualTo(userId(DemoRealm.ALICE));
        assertThat(access.get("iss")).isEqualTo(client.issuer());
        assertThat(access.get("azp")).isEqualTo(TestClients.DirectGrant.CLIENT_ID);
        assertThat(access.get("acr")).isEqualTo("1");
        assertThat(access.get("preferred_username")).isEqualTo(DemoRealm.ALICE);
    }

    @Test
    void userAttributesNamedLikeTheTenantClaimsNeverReachThem() throws Exception {
        UPConfig profile = demo.admin().users().userProfile().getConfiguration();
        UPConfig.UnmanagedAttributePolicy previousPolicy = profile.getUnmanagedAttributePolicy();
        TestUsers.TestUser tenantless = null;
        try {
            // The worst case: users may edit any attribute, and an admin has mapped attributes onto our claim names.
            profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
            demo.admin().users().userProfile().update(profile);
            directGrantClient.admin().getProtocolMappers().createMapper(
                    TestClients.userAttribute("tenant_roles", "tenant_roles", "String")).close();
            directGrantClient.admin().getProtocolMappers().createMapper(
                    TestClients.userAttribute("tenant", "tenant", "String")).close();

            // Alice edits her own attributes through the account API, as any user could.
            TokenResponse aliceTokens = client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
            HttpResponse<String> edited = updateOwnAttributes(aliceTokens.accessToken(), DemoRealm.ALICE,
                    Map.of("tenant_roles", List.of("Owner", "Admin", "Manager"), "tenant", List.of("globex")));
            assertThat(edited.statusCode()).as("account API: %s", edited.body()).isEqualTo(204);
            assertThat(demo.admin().users().get(userId(DemoRealm.ALICE)).toRepresentation().getAttributes())
                    .containsEntry("tenant_roles", List.of("Owner", "Admin", "Manager"));

            Map<String, Object> access = claims(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid")
                    .accessToken());
            assertTenant(access, "acme", "Acme Corp", List.of("Owner"));

            // A user in no tenant gets no tenant claims at all, whatever their attributes say.
            // A user in no tenant whose attributes claim a tenant and roles.
            tenantless = TestUsers.create(demo.admin(), "tenantless", "example.org",
                    Map.of("tenant", List.of("acme"), "tenant_roles", List.of("Owner")));
            TokenResponse tenantlessTokens = client.passwordGrant(tenantless.username(), DemoRealm.PASSWORD, "openid");
            assertThat(tenantlessTokens.status()).as("%s", tenantlessTokens.body()).isEqualTo(200);
            assertThat(claims(tenantlessTokens.accessToken())).doesNotContainKeys("tenant", "tenant_roles");
            assertThat(claims(tenantlessTokens.idToken())).doesNotContainKeys("tenant", "tenant_roles");
        } finally {
            demo.admin().users().get(userId(DemoRealm.ALICE)).update(withoutAttributes(DemoRealm.ALICE));
            if (tenantless != null) {
                demo.admin().users().delete(tenantless.id()).close();
            }
            directGrantClient.admin().getProtocolMappers().getMappers().stream()
                    .filter(mapper -> "oidc-usermodel-attribute-mapper".equals(mapper.getProtocolMapper()))
                    .forEach(mapper -> directGrantClient.admin().getProtocolMappers().delete(mapper.getId()));
            profile.setUnmanagedAttributePolicy(previousPolicy);
            demo.admin().users().userProfile().update(profile);
        }
    }

    /**
     * Lightweight access tokens skip every mapper not marked for them. An attacker-fed user-attribute mapper marked
     * for them still cannot write the tenant claims: Trustpack's mapper cleans them in every token type, and adds its
     * own unless told not to.
     */
    @Test
    void lightweightAccessTokensCarryOnlyTrustpacksTenantClaims() throws Exception {
        UPConfig profile = demo.admin().users().userProfile().getConfiguration();
        UPConfig.UnmanagedAttributePolicy previousPolicy = profile.getUnmanagedAttributePolicy();
        ProtocolMapperRepresentation ours = directGrantClient.admin().getProtocolMappers().getMappers().stream()
                .filter(mapper -> "trustpack-tenant-claims".equals(mapper.getProtocolMapper())).findFirst().orElseThrow();
        try {
            profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
            demo.admin().users().userProfile().update(profile);
            ClientRepresentation lightweightClient = directGrantClient.admin().toRepresentation();
            lightweightClient.getAttributes().put("client.use.lightweight.access.token.enabled", "true");
            directGrantClient.admin().update(lightweightClient);
            for (String claim : List.of("tenant", "tenant_roles")) {
                ProtocolMapperRepresentation attacker = TestClients.userAttribute(claim, claim, "String");
                Map<String, String> config = new HashMap<>(attacker.getConfig());
                config.put("lightweight.claim", "true");
                attacker.setConfig(config);
                directGrantClient.admin().getProtocolMappers().createMapper(attacker).close();
            }
            TokenResponse aliceTokens = client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
            assertThat(updateOwnAttributes(aliceTokens.accessToken(), DemoRealm.ALICE, Map.of(
                    "tenant_roles", List.of("Owner", "Admin"), "tenant", List.of("globex"))).statusCode()).isEqualTo(204);

            TokenResponse lightweight = client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
            Map<String, Object> access = claims(lightweight.accessToken());
            assertThat(access).as("a lightweight token").doesNotContainKey("preferred_username");
            assertTenant(access, "acme", "Acme Corp", List.of("Owner"));
            TokenResponse refreshed = client.refresh(lightweight.refreshToken(), "openid");
            assertThat(refreshed.status()).as("%s", refreshed.body()).isEqualTo(200);
            assertTenant(claims(refreshed.accessToken()), "acme", "Acme Corp", List.of("Owner"));

            // Told to leave lightweight tokens out, Trustpack's mapper still removes what the attacker's wrote.
            ProtocolMapperRepresentation off = directGrantClient.admin().getProtocolMappers().getMapperById(ours.getId());
            Map<String, String> offConfig = new HashMap<>(off.getConfig());
            offConfig.put("lightweight.claim", "false");
            off.setConfig(offConfig);
            directGrantClient.admin().getProtocolMappers().update(off.getId(), off);
            Map<String, Object> without = claims(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid")
                    .accessToken());
            assertThat(without).doesNotContainKeys("tenant", "tenant_roles");
        } finally {
            // Keycloak's client update keeps attributes a representation leaves out: switch it off explicitly.
            ClientRepresentation current = directGrantClient.admin().toRepresentation();
            current.getAttributes().put("client.use.lightweight.access.token.enabled", "false");
            directGrantClient.admin().update(current);
            directGrantClient.admin().getProtocolMappers().getMappers().stream()
                    .filter(mapper -> "oidc-usermodel-attribute-mapper".equals(mapper.getProtocolMapper()))
                    .forEach(mapper -> directGrantClient.admin().getProtocolMappers().delete(mapper.getId()));
            Map<String, String> restored = new HashMap<>(ours.getConfig());
            restored.remove("lightweight.claim");
            ours.setConfig(restored);
            directGrantClient.admin().getProtocolMappers().update(ours.getId(), ours);
            demo.admin().users().get(userId(DemoRealm.ALICE)).update(withoutAttributes(DemoRealm.ALICE));
            profile.setUnmanagedAttributePolicy(previousPolicy);
            demo.admin().users().userProfile().update(profile);
        }
    }

    private HttpResponse<String> updateOwnAttributes(String accessToken, String username,
                                                     Map<String, List<String>> attributes) throws Exception {
        UserRepresentation self = demo.admin().users().get(userId(username)).toRepresentation();
        Map<String, Object> body = Map.of("username", self.getUsername(), "email", self.getEmail(),
                "firstName", self.getFirstName(), "lastName", self.getLastName(), "attributes", attributes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.getBaseUrl() + "/account/"))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private UserRepresentation withoutAttributes(String username) {
        UserRepresentation user = demo.admin().users().get(userId(username)).toRepresentation();
        user.setAttributes(Map.of());
        return user;
    }

    private String userId(String username) {
        return TestUsers.id(demo.admin(), username);
    }

    private static Map<String, Object> claims(String jwt) {
        return RelyingParty.unverifiedClaims(jwt);
    }
}
