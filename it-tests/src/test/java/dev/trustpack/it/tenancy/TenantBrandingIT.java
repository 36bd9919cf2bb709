package dev.trustpack.it.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.pages.PageFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A tenant's branding on the hosted login, in Chromium: set through the tenant admin API, shown once the user signed
 * in to the tenant, never before (a known and an unknown tenant look the same until then), inert whatever a tenant
 * admin or a console edit puts into it, and served from Keycloak's own origin under a strict Content-Security-Policy.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class TenantBrandingIT extends DirectGrantTest {

    /** A real 1x1 PNG. */
    static final String PNG = "data:image/png;base64,"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    @InjectWebDriver
    ManagedWebDriver browser;

    private RelyingParty spa;
    private TestTenants tenants;
    private final List<String> users = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        tenants = new TestTenants(demo.admin());
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
    }

    @AfterEach
    void cleanUp() {
        spa.close();
        users.forEach(id -> demo.admin().users().delete(id).close());
        tenants.removeAll();
    }

    @Test
    void aMemberSeesTheTenantsBrandingOnlyAfterSigningIn() throws Exception {
        String alias = recommendingTenant();
        Reply saved = realmAdmin.put("/tenants/" + alias + "/branding",
                "{\"displayName\": \"Brand Co\", \"accentColor\": \"#6D28D9\", \"logo\": \"" + PNG + "\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("accentColor").asText()).isEqualTo("#6d28d9");
        TestUsers.TestUser user = member(alias);

        // Before sign-in: the realm's branding, whatever tenant the client asked for. (An alias that names no tenant
        // never reaches a page: Keycloak answers invalid_scope first, see TenantTokensIT and docs/tenancy.md.)
        PageFrame frame = new PageFrame(driver());
        Map<String, Object> otherTenant = framesBeforeSignIn("openid organization:globex", user);
        Map<String, Object> noTenant = framesBeforeSignIn("openid", user);
        Map<String, Object> knownTenant = framesBeforeSignIn("openid organization:" + alias, user);
        assertThat(knownTenant).isEqualTo(otherTenant).isEqualTo(noTenant);
        assertThat(knownTenant.get("title").toString()).contains("Trustpack Demo").doesNotContain("Brand Co");
        assertThat(knownTenant.get("stylesheets").toString()).doesNotContain("trustpack-branding");
        assertThat(frame.tenantName()).isEmpty();

        // After the password: the tenant's name, logo and colour, from its stylesheet on Keycloak's origin.
        driver().findElement(By.id("password")).sendKeys(DemoRealm.PASSWORD);
        driver().findElement(By.id("kc-login")).click();
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(frame.tenantName()).isEqualTo("Brand Co");
        assertThat(frame.title()).contains("Brand Co");
        String sheet = frame.stylesheets().stream().filter(href -> href.startsWith(demo.getBaseUrl() + "/trustpack-branding/"))
                .findFirst().orElseThrow(() -> new AssertionError("no tenant stylesheet linked"));
        // Its address names the current version: browsers may keep it for good.
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sheet)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Cache-Control"))
                .contains("public, max-age=31536000, immutable");
        assertThat(frame.accent()).isEqualTo("#6d28d9");
        assertThat(frame.tenantLogo()).startsWith("url(\"data:image/png;base64,");
        assertThat(setup.notice()).startsWith("Brand Co recommends");
        assertThat(setup.rule()).isEqualTo("This is the policy of Brand Co for all its members.");
        assertThat(frame.facts()).contains("Passwords are stored with Argon2id.",
                "Sign-ins are recorded in a tamper-evident audit trail.",
                "Brand Co ends sessions after 30 minutes without use.");
    }

    @Test
    void theFooterSaysOnlyWhatTheRealmEnforcesBeforeSignIn() throws Exception {
        driver().get(spa.authorizationRequest("openid").url());
        HostedLogin.waitFor(driver(), By.id("username"));
        PageFrame frame = new PageFrame(driver());
        // The demo realm's floor requires no second factor, so the footer does not claim one.
        assertThat(frame.facts()).containsExactly("Passwords are stored with Argon2id.",
                "Sign-ins are recorded in a tamper-evident audit trail.", "Sessions end after 30 minutes without use.");
        assertThat(frame.footer()).startsWith("Secured by Trustpack.").doesNotContain("multi-factor");
    }

    @Test
    void theLoginPagesKeepAStrictContentSecurityPolicyAndTheSheetIsServedAsCss() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(spa.authorizationRequest("openid").url()))
                .build(), HttpResponse.BodyHandlers.ofString());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("style-src 'self'", "object-src 'none'", "frame-ancestors 'self'")
                .doesNotContain("unsafe-inline");

        String alias = recommendingTenant();
        realmAdmin.put("/tenants/" + alias + "/branding", "{\"accentColor\": \"#0e7490\"}");
        String id = tenants.id(alias);
        HttpResponse<String> sheet = http.send(HttpRequest.newBuilder(
                URI.create(demo.getBaseUrl() + "/trustpack-branding/" + id + "/0.css")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(sheet.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(sheet.body()).contains("--trustpack-accent: #0e7490;");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                URI.create(demo.getBaseUrl() + "/trustpack-branding/not-a-tenant/0.css")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void everyInjectionThroughTheApiIsRefusedAndTheStoredBrandingStays() throws Exception {
        String alias = recommendingTenant();
        String path = "/tenants/" + alias + "/branding";
        assertThat(realmAdmin.put(path, "{\"displayName\": \"Brand Co\", \"accentColor\": \"#6d28d9\"}").status())
                .isEqualTo(200);
        String before = realmAdmin.get(path).body();

        Map<String, String> attempts = Map.of(
                "{\"displayName\": \"<script>alert(1)</script>\"}", "displayName",
                "{\"displayName\": \"Brand <b>Co</b>\"}", "displayName",
                "{\"logo\": \"javascript:alert(1)\"}", "logo",
                "{\"logo\": \"https://cdn.example.com/x.png\\\");} body{display:none\"}", "logo",
                "{\"logo\": \"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\"}", "logo",
                "{\"logo\": \"" + PNG.substring(0, 30) + "A".repeat(9000) + "\"}", "logo",
                "{\"accentColor\": \"#fff;} body{display:none\"}", "accentColor",
                "{\"accentColor\": \"red\"}", "accentColor");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            Reply refused = realmAdmin.put(path, attempt.getKey());
            assertThat(refused.status()).as(attempt.getKey()).isEqualTo(400);
            assertThat(refused.errorMessage()).as(attempt.getKey()).contains(attempt.getValue());
        }
        Reply tooLarge = realmAdmin.put(path, "{\"logo\": \"" + "A".repeat(20_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(realmAdmin.get(path).body()).isEqualTo(before);
    }

    @Test
    void valuesWrittenPastTheApiAreIgnoredAndNamesAreShownAsText() throws Exception {
        String alias = recommendingTenant();
        OrganizationRepresentation tenant = demo.admin().organizations().get(tenants.id(alias)).toRepresentation();
        // As a console edit could: a tenant name with markup, and branding values that never passed the API.
        tenant.setName("Evil <img src=x onerror=alert(1)> " + alias);
        tenant.singleAttribute("trustpack.branding.displayName", "<script>alert(1)</script>");
        tenant.singleAttribute("trustpack.branding.accentColor", "red;} body{display:none");
        tenant.singleAttribute("trustpack.branding.logo", "000:javascript:alert(1)");
        demo.admin().organizations().get(tenant.getId()).update(tenant).close();
        JsonNode stored = realmAdmin.get("/tenants/" + alias + "/branding").json();
        assertThat(stored.path("invalid").toString()).contains("displayName", "accentColor", "logo");

        TestUsers.TestUser user = member(alias);
        driver().get(spa.authorizationRequest("openid organization:" + alias).url());
        HostedLogin.signIn(driver(), user.username(), DemoRealm.PASSWORD);
        new MfaSetupPage(driver()).assertCurrent();
        PageFrame frame = new PageFrame(driver());
        // The header goes through Keycloak's sanitizer, which decodes entities first: the name's markup characters are
        // shown as look-alikes, so the tag stays text.
        assertThat(frame.tenantName()).isEqualTo("Evil \u2039img src=x onerror=alert(1)\u203a " + alias);
        assertThat(driver().findElements(By.cssSelector("img[src=x], #kc-header-wrapper script"))).isEmpty();
        // Where the name is plain text (the MFA notice), it shows as written.
        assertThat(new MfaSetupPage(driver()).notice()).startsWith("Evil <img src=x onerror=alert(1)> " + alias);
        assertThat(frame.stylesheets()).noneMatch(href -> href.contains("trustpack-branding"));
        assertThat(frame.accent()).isEqualTo("#13828a");
    }

    @Test
    void theTenantsAdminsSetTheBrandingOtherMembersDoNotSeeIt() throws Exception {
        String alias = recommendingTenant();
        String path = "/tenants/" + alias + "/branding";
        var tenantAdmin = apiAs(member(alias, "Admin").username(), "openid organization:" + alias);
        assertThat(tenantAdmin.put(path, "{\"accentColor\": \"#0e7490\"}").status()).isEqualTo(200);
        var viewer = apiAs(member(alias, "Viewer").username(), "openid organization:" + alias);
        // A member who is not a tenant admin does not see the tenant in the admin API at all (tenancy's 404).
        assertThat(viewer.get(path).status()).isEqualTo(404);
        assertThat(viewer.put(path, "{\"accentColor\": \"#000000\"}").status()).isEqualTo(404);
        assertThat(realmAdmin.get(path).json().path("accentColor").asText()).isEqualTo("#0e7490");
    }

    /** Opens the login for the scope, enters the user's name, and records what the username and password pages show. */
    private Map<String, Object> framesBeforeSignIn(String scope, TestUsers.TestUser user) {
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        AuthorizationRequest request = spa.authorizationRequest(scope);
        driver().get(request.url());
        HostedLogin.waitFor(driver(), By.id("username"));
        PageFrame frame = new PageFrame(driver());
        Map<String, Object> username = Map.of("header", frame.headerHtml(), "facts", frame.facts(),
                "accent", frame.accent());
        HostedLogin.enterUsername(driver(), user.username());
        HostedLogin.waitFor(driver(), By.id("password"));
        return Map.of("username", username, "header", frame.headerHtml(), "facts", frame.facts(),
                "accent", frame.accent(), "title", frame.title(), "stylesheets", frame.stylesheets().stream()
                        .filter(href -> !href.contains("/resources/")).toList());
    }

    /** A tenant that recommends a second factor, so a member's sign-in shows a page after the password. */
    private String recommendingTenant() {
        return tenants.create("brand", Map.of("trustpack.policy.mfa.require", "recommended"));
    }

    private TestUsers.TestUser member(String alias) throws Exception {
        return member(alias, "Viewer");
    }

    private TestUsers.TestUser member(String alias, String role) throws Exception {
        TestUsers.TestUser user = TestUsers.member(demo.admin(), realmAdmin, "brand", alias, role);
        users.add(user.id());
        return user;
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
