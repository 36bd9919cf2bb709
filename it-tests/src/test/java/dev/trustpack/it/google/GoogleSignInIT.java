package dev.trustpack.it.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.GoogleSignIn;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.standin.StandInLogin;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.MembershipType;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Google sign-in as tenants and their members meet it: the verified {@code hd} picks the tenant, accounts are keyed
 * on Google's {@code sub}, existing accounts are linked only when proven, new ones join their tenant just in time,
 * SSO-only tenants take no password, one tenant's settings never sign anyone into another, and MFA still applies.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class GoogleSignInIT extends GoogleTest {

    @Test
    void theLoginPageOffersSignInWithGoogleAsGoogleDrawsItAndNoButtonWithoutTheProvider() throws Exception {
        assertThat(admin.serverInfo().getInfo().getSocialProviders()).as("offered in the admin console")
                .anySatisfy(provider -> assertThat(provider).containsEntry("id", "trustpack-google")
                        .containsEntry("name", "Google (Trustpack)"));
        String tenant = tenant(true, "{\"google\": {\"jitRole\": \"Viewer\"}}");
        AuthorizationRequest request = spa.authorizationRequest("openid");
        driver().get(request.url());

        WebElement button = HostedLogin.waitFor(driver(), By.id("social-" + GoogleSignIn.ALIAS));
        assertThat(button.getText()).isEqualTo("Sign in with Google");
        assertThat(button.getTagName()).as("a link: reachable and usable with the keyboard").isEqualTo("a");
        assertThat(button.findElements(By.cssSelector("svg[aria-hidden='true']"))).as("the G logo, hidden from "
                + "screen readers (the text names the button)").hasSize(1);
        google.nextLogin(StandInLogin.workspace(sub(), "amy@" + domainOf(tenant), domainOf(tenant)));
        button.click();
        tokens(request);
        assertThat(google.authorizationRequests().get(0)).as("Workspace accounts only, as a hint to Google's chooser")
                .containsEntry("hd", "*");

        GoogleSignIn.removeProvider(demo.admin());
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        driver().get(spa.authorizationRequest("openid").url());
        HostedLogin.waitFor(driver(), By.id("username"));
        assertThat(driver().findElements(By.id("social-" + GoogleSignIn.ALIAS))).as("no provider, no button").isEmpty();
        GoogleSignIn.addProvider(demo.admin());
    }

    @Test
    void aNewWorkspaceUserLandsInTheTenantOfTheirDomainAsAManagedMemberWithItsJustInTimeRole() throws Exception {
        String tenant = tenant(true, "{\"google\": {\"jitRole\": \"Viewer\"}}");
        String sub = sub();
        String email = "ann@" + domainOf(tenant);

        TokenResponse tokens = tokens(googleLogin(StandInLogin.workspace(sub, email, domainOf(tenant)), "openid"));

        Map<String, Object> access = claims(tokens.accessToken());
        assertThat(((Map<?, ?>) access.get("tenant")).get("alias")).isEqualTo(tenant);
        assertThat(access.get("tenant_roles")).isEqualTo(List.of("Viewer"));
        UserRepresentation user = userByEmail(email);
        assertThat(access.get("sub")).isEqualTo(user.getId());
        assertThat(user.isEmailVerified()).isTrue();
        assertThat(demo.admin().users().get(user.getId()).getFederatedIdentity())
                .extracting(FederatedIdentityRepresentation::getIdentityProvider, FederatedIdentityRepresentation::getUserId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GoogleSignIn.ALIAS, sub));
        assertThat(membership(tenant, user.getId()).getMembershipType()).isEqualTo(MembershipType.MANAGED);
        JsonNode created = awaitAudit("google_user_created", sub);
        assertThat(created.path("trustpacktenant").asText()).isEqualTo(tenant);
        assertThat(created.path("data").path("details").path("role").asText()).isEqualTo("Viewer");
        assertThat(awaitAudit("google_login", sub).path("trustpacktenant").asText()).isEqualTo(tenant);
        assertThat(created.toString()).doesNotContain(tokens.accessToken()).doesNotContain("id_token");
    }

    @Test
    void aReturningUserIsFoundByTheirGoogleSubAfterTheirEmailChanged() throws Exception {
        String tenant = tenant(true, "{\"google\": {\"jitRole\": \"Viewer\"}}");
        String sub = sub();
        StandInLogin first = StandInLogin.workspace(sub, "bea@" + domainOf(tenant), domainOf(tenant));
        String userId = (String) claims(tokens(googleLogin(first, "openid")).accessToken()).get("sub");
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());

        TokenResponse again = tokens(googleLogin(first.withEmail("bea.renamed@" + domainOf(tenant)), "openid"));

        assertThat(claims(again.accessToken()).get("sub")).isEqualTo(userId);
        assertThat(demo.admin().users().search("*" + domainOf(tenant), 0, 10)).hasSize(1);
        assertThat(auditCount("google_user_created", sub)).isEqualTo(1);
    }

    @Test
    void aTenantThatCreatesNoAccountsJustInTimeRefusesANewGoogleIdentity() throws Exception {
        String tenant = tenant(true, "{\"google\": {\"jitRole\": \"none\"}}");
        String sub = sub();
        String email = "cy@" + domainOf(tenant);

        googleLogin(StandInLogin.workspace(sub, email, domainOf(tenant)), "openid");

        assertRefused("does not create accounts at first sign-in");
        assertThat(userByEmail(email)).isNull();
        assertThat(awaitAudit("google_refused", sub).path("data").path("details").path("reason").asText())
                .isEqualTo("no_account");
    }

    @Test
    void anAccountWithTheSameEmailOutsideTheTenantIsLinkedOnlyAfterItsHolderSignsIn() throws Exception {
        String tenant = tenant(true, "{\"google\": {\"jitRole\": \"Viewer\"}}");
        TestUsers.TestUser local = TestUsers.create(demo.admin(), "dee", domainOf(tenant));
        String email = local.username() + "@" + domainOf(tenant);
        String sub = sub();

        googleLogin(StandInLogin.workspace(sub, email, domainOf(tenant)), "openid");

        // Keycloak's confirm-link page: nothing is linked and no code is issued on the email match alone.
        HostedLogin.waitFor(driver(), By.id("linkAccount"));
        assertThat(spa.awaitCallback(Duration.ofMillis(300))).isNull();
        assertThat(demo.admin().users().get(local.id()).getFederatedIdentity()).isEmpty();

        driver().findElement(By.id("linkAccount")).click();
        HostedLogin.waitFor(driver(), By.id("password")).sendKeys(DemoRealm.PASSWORD);
        driver().findElement(By.id("kc-login")).click();
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);

        assertThat(callback).as("signed in once the account was proven").containsKey("code");
        assertThat(demo.admin().users().get(local.id()).getFederatedIdentity())
                .extracting(FederatedIdentityRepresentation::getUserId).containsExactly(sub);
        assertThat(awaitAudit("google_linked", sub).path("data").path("details").path("method").asText())
                .isEqualTo("confirmed");
    }

    @Test
    void aMemberOfTheTenantWithAVerifiedEmailIsLinkedWithoutAskingButAnUnverifiedOneIsAsked() throws Exception {
        String tenant = tenant(true, null);
        TestUsers.TestUser member = TestUsers.create(demo.admin(), "eve", domainOf(tenant));
        addMember(tenant, member.id(), "Manager");
        String sub = sub();

        TokenResponse tokens = tokens(googleLogin(StandInLogin.workspace(sub,
                member.username() + "@" + domainOf(tenant), domainOf(tenant)), "openid"));

        Map<String, Object> access = claims(tokens.accessToken());
        assertThat(access.get("sub")).isEqualTo(member.id());
        assertThat(access.get("tenant_roles")).isEqualTo(List.of("Manager"));
        assertThat(awaitAudit("google_linked", sub).path("data").path("details").path("method").asText())
                .isEqualTo("automatic");

        TestUsers.TestUser unverified = TestUsers.create(demo.admin(), "fay", domainOf(tenant));
        addMember(tenant, unverified.id(), "Viewer");
        UserRepresentation representation = demo.admin().users().get(unverified.id()).toRepresentation();
        representation.setEmailVerified(false);
        demo.admin().users().get(unverified.id()).update(representation);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());

        googleLogin(StandInLogin.workspace(sub(), unverified.username() + "@" + domainOf(tenant), domainOf(tenant)),
                "openid");

        HostedLogin.waitFor(driver(), By.id("linkAccount"));
        assertThat(demo.admin().users().get(unverified.id()).getFederatedIdentity()).isEmpty();
    }

    @Test
    void anSsoOnlyTenantSendsItsMembersToGoogleFromTheUsernamePageAndRefusesTheirPassword() throws Exception {
        String tenant = tenant(true, "{\"google\": {\"required\": true}}");
        TestUsers.TestUser member = TestUsers.create(demo.admin(), "gus", domainOf(tenant));
        addMember(tenant, member.id(), "Manager");
        String email = member.username() + "@" + domainOf(tenant);
        String sub = sub();
        google.nextLogin(StandInLogin.workspace(sub, email, domainOf(tenant)));

        AuthorizationRequest request = spa.authorizationRequest("openid");
        driver().get(request.url());
        HostedLogin.enterUsername(driver(), member.username());
        TokenResponse tokens = tokens(request);

        Map<String, String> sentToGoogle = google.authorizationRequests().get(0);
        assertThat(sentToGoogle).containsEntry("login_hint", email).containsEntry("hd", domainOf(tenant));
        assertThat(((Map<?, ?>) claims(tokens.accessToken()).get("tenant")).get("alias")).isEqualTo(tenant);

        TokenResponse password = client.passwordGrant(member.username(), DemoRealm.PASSWORD,
                "openid organization:" + tenant);
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.error()).isEqualTo("invalid_grant");
        assertThat(password.errorDescription()).contains("Google only");
        JsonNode refused = awaitUserAudit("google_refused", member.id());
        assertThat(refused.path("data").path("details").path("reason").asText()).isEqualTo("sso_required");
        assertThat(refused.path("trustpacktenant").asText()).isEqualTo(tenant);
    }

    @Test
    void aPasswordLoginToAnSsoOnlyTenantIsSentToGoogleAfterThePasswordAndGetsNoCode() throws Exception {
        String tenant = tenant(true, "{\"google\": {\"required\": true}}");
        // Username and email outside the tenant's domain: the username page cannot know the tenant yet.
        TestUsers.TestUser member = TestUsers.create(demo.admin(), "hal", "example.org");
        addMember(tenant, member.id(), "Viewer");

        AuthorizationRequest request = spa.authorizationRequest("openid organization:" + tenant);
        driver().get(request.url());
        HostedLogin.signIn(driver(), member.username(), DemoRealm.PASSWORD);

        new org.openqa.selenium.support.ui.WebDriverWait(driver(), REDIRECT_WAIT)
                .until(d -> d.getCurrentUrl().startsWith(google.baseUrl()));
        assertThat(google.authorizationRequests()).hasSize(1);
        assertThat(google.authorizationRequests().get(0)).containsEntry("login_hint", member.username() + "@example.org");
        assertThat(spa.awaitCallback(Duration.ofMillis(300))).as("the password alone gives no code").isNull();
        assertThat(awaitUserAudit("google_refused", member.id()).path("data").path("details").path("method").asText())
                .isEqualTo("redirected");
        demo.admin().users().delete(member.id()).close();
    }

    @Test
    void googleSignInForOneTenantNeverSignsTheUserIntoAnotherThatDoesNotAllowIt() throws Exception {
        String home = tenant(true, null);
        String other = tenant(true, "{\"google\": {\"allowed\": false}}");
        String unrelated = tenant(true, null);
        TestUsers.TestUser member = TestUsers.create(demo.admin(), "ida", domainOf(home));
        addMember(home, member.id(), "Viewer");
        addMember(other, member.id(), "Viewer");
        StandInLogin google = StandInLogin.workspace(sub(), member.username() + "@" + domainOf(home), domainOf(home));

        googleLogin(google, "openid organization:" + other);
        assertRefused("Google sign-in is turned off for your organization");

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        googleLogin(google, "openid organization:" + unrelated);
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("a tenant the user is not a member of").containsEntry("error", "access_denied");

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        TokenResponse tokens = tokens(googleLogin(google, "openid organization:" + home));
        assertThat(((Map<?, ?>) claims(tokens.accessToken()).get("tenant")).get("alias")).isEqualTo(home);
    }

    @Test
    void aGoogleLoginStillMeetsTheTenantsMfaPolicy() throws Exception {
        String tenant = tenant(true, "{\"google\": {\"jitRole\": \"Viewer\"}, \"mfa\": {\"require\": \"required\", "
                + "\"graceDays\": 0}}");

        googleLogin(StandInLogin.workspace(sub(), "joe@" + domainOf(tenant), domainOf(tenant)), "openid");

        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.canPostpone()).isFalse();
        assertThat(spa.awaitCallback(Duration.ofMillis(300))).as("no code before the second factor").isNull();
    }

    private void addMember(String tenant, String userId, String role) throws Exception {
        Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + userId, "{\"roles\": [\"" + role + "\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    private MemberRepresentation membership(String alias, String userId) {
        OrganizationRepresentation organization = demo.admin().organizations().getAll().stream()
                .filter(o -> alias.equals(o.getAlias())).findFirst().orElseThrow();
        return demo.admin().organizations().get(organization.getId()).members().member(userId).toRepresentation();
    }
}
