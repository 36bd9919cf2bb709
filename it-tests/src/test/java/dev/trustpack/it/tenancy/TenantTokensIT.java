package dev.trustpack.it.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.EventPoller;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.SpaBrowserTest;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The demo SPA signs users in per tenant through the hosted login page: each token carries only the active tenant
 * and the user's roles in it, in every token type, through refresh, and across tenant switches.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class TenantTokensIT extends SpaBrowserTest {

    private static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);
    private static final List<String> ALL_TENANT_ROLES = List.of("Owner", "Admin", "Manager", "Viewer");

    @Test
    void aUserWithOneTenantGetsItWithoutAsking() throws Exception {
        TokenResponse tokens = signIn(DemoRealm.ALICE, "openid");

        assertTenant(accessToken(tokens), "acme", "Acme Corp", List.of("Owner"));
        assertTenant(idToken(tokens), "acme", "Acme Corp", List.of("Owner"));
    }

    @Test
    void aUserInTwoTenantsGetsExactlyTheActiveTenantsRolesInEveryTokenType() throws Exception {
        TokenResponse acme = signIn(DemoRealm.CAROL, "openid organization:acme");

        Map<String, Object> access = accessToken(acme);
        assertTenant(access, "acme", "Acme Corp", List.of("Viewer"));
        assertTenant(idToken(acme), "acme", "Acme Corp", List.of("Viewer"));
        assertTenant(spa.userInfo(acme.accessToken()), "acme", "Acme Corp", List.of("Viewer"));
        Map<String, Object> introspected = RelyingParty.introspect(spa.endpoint("introspection_endpoint"),
                DemoRealm.BACKEND_CLIENT, DemoRealm.BACKEND_SECRET, acme.accessToken());
        assertThat(introspected).containsEntry("active", true);
        assertTenant(introspected, "acme", "Acme Corp", List.of("Viewer"));

        // Carol is Admin in globex: nothing of globex may show in an acme token.
        assertThat(String.valueOf(access)).doesNotContain("globex").doesNotContain("Admin");
        assertNoTenantRolesInGlobalRoleClaims(access);
    }

    @Test
    void switchingTenantIsANewAuthorizationRequestThatSsoCompletesWithoutAPassword() throws Exception {
        TokenResponse acme = signIn(DemoRealm.CAROL, "openid organization:acme");
        assertTenant(accessToken(acme), "acme", "Acme Corp", List.of("Viewer"));

        AuthorizationRequest switchRequest = spa.authorizationRequest("openid organization:globex");
        browser.driver().get(switchRequest.url());
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("SSO redirects straight back, no login page").isNotNull().containsKey("code");
        TokenResponse globex = spa.exchangeCode(callback.get("code"), switchRequest.codeVerifier());

        assertTenant(accessToken(globex), "globex", "Globex Corporation", List.of("Admin"));
        assertTenant(idToken(globex), "globex", "Globex Corporation", List.of("Admin"));
        assertNoTenantRolesInGlobalRoleClaims(accessToken(globex));

        // Refreshing the earlier tokens keeps their tenant: the tenant travels in the token's own scope.
        TokenResponse refreshedAcme = spa.refresh(acme.refreshToken());
        assertThat(refreshedAcme.status()).isEqualTo(200);
        assertTenant(RelyingParty.unverifiedClaims(refreshedAcme.accessToken()), "acme", "Acme Corp", List.of("Viewer"));
        TokenResponse refreshedGlobex = spa.refresh(globex.refreshToken());
        assertTenant(RelyingParty.unverifiedClaims(refreshedGlobex.accessToken()), "globex", "Globex Corporation",
                List.of("Admin"));
    }

    @Test
    void aUserInSeveralTenantsWhoAsksForNonePicksOneOnTheLoginPage() throws Exception {
        AuthorizationRequest request = spa.authorizationRequest("openid");
        WebDriver page = browser.driver();
        page.get(request.url());
        HostedLogin.signIn(page, DemoRealm.CAROL, DemoRealm.PASSWORD);

        HostedLogin.waitFor(page, By.id("trustpack-select-tenant-form"));
        assertThat(page.findElement(By.id("tenant-acme")).getText()).isEqualTo("Acme Corp");
        assertThat(page.findElement(By.id("tenant-globex")).getText()).isEqualTo("Globex Corporation");
        assertThat(spa.noCallbackReceived()).as("no code before a tenant is chosen").isTrue();

        HostedLogin.chooseTenant(page, "globex");
        MfaSetupPage.postponeIfShown(page);
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).isNotNull().containsKey("code");
        TokenResponse tokens = spa.exchangeCode(callback.get("code"), request.codeVerifier());

        Map<String, Object> access = accessToken(tokens);
        assertTenant(access, "globex", "Globex Corporation", List.of("Admin"));
        assertThat(String.valueOf(access.get("scope"))).contains("organization:globex");

        EventRepresentation login = EventPoller.next(events, EventType.LOGIN);
        assertThat(login.getDetails()).containsEntry("tenant", "globex");
    }

    @Test
    void askingForATenantTheUserIsNotAMemberOfIsRefusedWithAnOAuthError() throws Exception {
        AuthorizationRequest request = spa.authorizationRequest("openid organization:acme");
        browser.driver().get(request.url());
        HostedLogin.signIn(browser.driver(), DemoRealm.BOB, DemoRealm.PASSWORD);

        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("the app gets an error redirect").isNotNull()
                .containsEntry("error", "access_denied")
                .containsEntry("state", request.state())
                .doesNotContainKey("code");
        assertThat(callback.get("error_description")).isEqualTo("You are not a member of the requested tenant");

        EventRepresentation refused = EventPoller.next(events, EventType.LOGIN_ERROR);
        assertThat(refused.getError()).isEqualTo("tenant_not_allowed");
        assertThat(refused.getDetails()).containsEntry("requested_tenant", "acme");
    }

    /**
     * Keycloak's own scope validation refuses an alias that names no organization before the login page, with
     * {@code invalid_scope}; a forged alias therefore never reaches a sign-in. (This also tells an unauthenticated
     * caller which aliases exist: Keycloak behaviour, documented in docs/tenancy.md.)
     */
    @Test
    void anUnknownTenantIsRefusedBeforeAnySignIn() throws Exception {
        AuthorizationRequest request = spa.authorizationRequest("openid organization:no-such-tenant");
        browser.driver().get(request.url());
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).isNotNull()
                .containsEntry("error", "invalid_scope")
                .containsEntry("state", request.state())
                .doesNotContainKey("code");
    }

    @Test
    void requestsForEveryTenantOrForTwoTenantsAtOnceAreRefused() throws Exception {
        for (String scope : List.of("openid organization:*", "openid organization:acme organization:globex")) {
            HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
            AuthorizationRequest request = spa.authorizationRequest(scope);
            browser.driver().get(request.url());
            HostedLogin.signIn(browser.driver(), DemoRealm.CAROL, DemoRealm.PASSWORD);
            Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
            assertThat(callback).as(scope).isNotNull().containsEntry("error", "access_denied").doesNotContainKey("code");
            assertThat(callback.get("error_description")).as(scope).contains("one tenant");
        }
    }

    @Test
    void theClaimShapeIsTheSameForOneTenantAndForTwo() throws Exception {
        Map<String, Object> oneTenant = accessToken(signIn(DemoRealm.ALICE, "openid"));
        HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
        Map<String, Object> twoTenants = accessToken(signIn(DemoRealm.CAROL, "openid organization:globex"));

        for (Map<String, Object> claims : List.of(oneTenant, twoTenants)) {
            assertThat(claims.get("tenant")).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) claims.get("tenant")).keySet()).map(String::valueOf).containsExactly("id", "alias", "name");
            assertThat(claims.get("tenant_roles")).isInstanceOf(List.class);
        }
    }

    private TokenResponse signIn(String username, String scope) throws Exception {
        AuthorizationRequest request = spa.authorizationRequest(scope);
        WebDriver page = browser.driver();
        page.get(request.url());
        HostedLogin.signIn(page, username, DemoRealm.PASSWORD);
        // alice is acme's Owner, for whom acme requires MFA with a grace period: these tests are about tenants.
        MfaSetupPage.postponeIfShown(page);
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("redirect for %s with scope %s", username, scope).isNotNull().containsKey("code");
        TokenResponse tokens = spa.exchangeCode(callback.get("code"), request.codeVerifier());
        assertThat(tokens.status()).as("token response %s", tokens.body()).isEqualTo(200);
        return tokens;
    }

    private Map<String, Object> accessToken(TokenResponse tokens) throws Exception {
        JWTClaimsSet verified = spa.verify(tokens.accessToken(), DemoRealm.BACKEND_CLIENT, Map.of());
        return verified.toJSONObject();
    }

    private Map<String, Object> idToken(TokenResponse tokens) throws Exception {
        return spa.verify(tokens.idToken(), DemoRealm.SPA_CLIENT, Map.of()).toJSONObject();
    }

    static void assertTenant(Map<String, Object> claims, String alias, String name, List<String> roles) {
        assertThat(claims.get("tenant")).as("tenant claim in %s", claims).isInstanceOf(Map.class);
        Map<?, ?> tenant = (Map<?, ?>) claims.get("tenant");
        assertThat(tenant.get("alias")).isEqualTo(alias);
        assertThat(tenant.get("name")).isEqualTo(name);
        assertThat(tenant.get("id")).isInstanceOf(String.class);
        assertThat(claims.get("tenant_roles")).isEqualTo(roles);
    }

    /** Tenant roles live only in tenant_roles: never in Keycloak's global realm_access or resource_access. */
    static void assertNoTenantRolesInGlobalRoleClaims(Map<String, Object> claims) {
        String global = String.valueOf(claims.get("realm_access")) + claims.get("resource_access");
        for (String role : ALL_TENANT_ROLES) {
            assertThat(global).as("global role claims").doesNotContain(role);
        }
    }
}
