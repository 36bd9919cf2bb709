package dev.trustpack.it.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.GoogleSignIn;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.pages.ErrorPage;
import dev.trustpack.standin.GoogleStandIn;
import dev.trustpack.standin.StandInLogin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.WebDriver;

/**
 * Base of the Google sign-in tests: the demo realm with its Google provider (the Trustpack one) pointed at the Google
 * stand-in, the demo SPA as the app, tenants with verified domains made per test, and the audit trail to read.
 */
abstract class GoogleTest extends DirectGrantTest {

    static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);
    static final Duration AUDIT_WAIT = Duration.ofSeconds(15);

    @InjectWebDriver
    ManagedWebDriver browser;

    GoogleStandIn google;
    RelyingParty spa;
    TestTenants tenants;
    Instant start;
    private String realmPolicy;
    private final List<String> domains = new ArrayList<>();

    @BeforeEach
    void googleProvider() throws Exception {
        start = Instant.now().minusSeconds(1);
        google = GoogleSignIn.standIn();
        google.reset();
        GoogleSignIn.addProvider(demo.admin());
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        tenants = new TestTenants(demo.admin());
        realmPolicy = realmAdmin.get("/policy").body();
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
    }

    @AfterEach
    void removeGoogleProvider() throws Exception {
        spa.close();
        GoogleSignIn.removeProvider(demo.admin());
        realmAdmin.put("/policy", realmPolicy);
        for (String domain : domains) {
            for (UserRepresentation user : demo.admin().users().search("*" + domain, 0, 100)) {
                demo.admin().users().delete(user.getId()).close();
            }
        }
        tenants.removeAll();
    }

    /** A tenant owning {@code <alias>.example} (verified or not) with this tenant policy document; returns its alias. */
    String tenant(boolean domainVerified, String policy) throws Exception {
        String alias = tenants.create("g", Map.of(), domainVerified);
        domains.add(domainOf(alias));
        if (policy != null) {
            Reply stored = realmAdmin.put("/tenants/" + alias + "/policy", policy);
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        }
        return alias;
    }

    static String domainOf(String alias) {
        return alias + ".example";
    }

    /** Starts the app's login straight at Google (kc_idp_hint) with the stand-in signing in {@code who}. */
    AuthorizationRequest googleLogin(StandInLogin who, String scope) {
        google.nextLogin(who);
        AuthorizationRequest request = spa.authorizationRequest(scope);
        driver().get(request.url() + "&kc_idp_hint=" + GoogleSignIn.ALIAS);
        return request;
    }

    TokenResponse tokens(AuthorizationRequest request) throws Exception {
        return spa.tokensAfterRedirect(request, REDIRECT_WAIT, () -> driver().getCurrentUrl());
    }

    /** The login ends on an error page with this text, and the app receives nothing. */
    void assertRefused(String message) throws Exception {
        ErrorPage error = new ErrorPage(driver());
        error.assertCurrent();
        assertThat(error.message()).contains(message);
        assertThat(spa.awaitCallback(Duration.ofMillis(300))).as("no code for a refused login").isNull();
    }

    /** The realm user with this email, or null. */
    UserRepresentation userByEmail(String email) {
        List<UserRepresentation> found = demo.admin().users().searchByEmail(email, true);
        return found.isEmpty() ? null : found.get(0);
    }

    JsonNode awaitAudit(String type, String googleSub) throws Exception {
        return AuditSinks.awaitRecord(realmAdmin, start, record -> isAudit(record, type, googleSub), AUDIT_WAIT);
    }

    /** A record about a local user (refusals of password logins carry no Google identity). */
    JsonNode awaitUserAudit(String type, String userId) throws Exception {
        return AuditSinks.awaitRecord(realmAdmin, start, record -> record.path("type").asText()
                .endsWith(".trustpack." + type) && userId.equals(record.path("subject").asText()), AUDIT_WAIT);
    }

    long auditCount(String type, String googleSub) throws Exception {
        return AuditSinks.exportJsonLines(realmAdmin, "?from=" + start).stream()
                .filter(record -> isAudit(record, type, googleSub)).count();
    }

    private static boolean isAudit(JsonNode record, String type, String googleSub) {
        return record.path("type").asText().endsWith(".trustpack." + type)
                && googleSub.equals(record.path("data").path("details").path("google_sub").asText());
    }

    static Map<String, Object> claims(String jwt) {
        return RelyingParty.unverifiedClaims(jwt);
    }

    WebDriver driver() {
        return browser.driver();
    }

    static String sub() {
        return "1" + Math.abs(System.nanoTime() % 1_000_000_000_000L);
    }
}
