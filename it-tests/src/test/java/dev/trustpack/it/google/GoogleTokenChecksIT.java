package dev.trustpack.it.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.it.support.GoogleSignIn;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.standin.StandInLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * An attacker's tries with the Google stand-in: every ID token or {@code hd} that must not sign anyone in is refused
 * with an error page, an audit record with the reason, and no account created or code issued.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class GoogleTokenChecksIT extends GoogleTest {

    private static final String REJECTED = "did not pass our checks";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String tenant;
    private String domain;

    @BeforeEach
    void tenantWithJustInTimeAccounts() throws Exception {
        tenant = tenant(true, "{\"google\": {\"jitRole\": \"Viewer\"}}");
        domain = domainOf(tenant);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefusedFor(account("iss").withIssuer("https://accounts.google.com.evil.test"), REJECTED, "wrong_issuer");
    }

    @Test
    void bothIssuerSpellingsGoogleUsesAreAccepted() throws Exception {
        TokenResponse tokens = tokens(googleLogin(account("iss2").withIssuer("accounts.google.com"), "openid"));
        assertThat(((Map<?, ?>) claims(tokens.accessToken()).get("tenant")).get("alias")).isEqualTo(tenant);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertRefusedFor(account("aud").withAudience(List.of("someone-else.apps.googleusercontent.com"),
                "someone-else.apps.googleusercontent.com"), REJECTED, "wrong_audience");
    }

    @Test
    void aTokenWithSeveralAudiencesAndNoAuthorizedPartyIsRefused() throws Exception {
        assertRefusedFor(account("azp").withAudience(List.of(GoogleSignIn.CLIENT_ID, "other.apps.googleusercontent.com"),
                ""), REJECTED, "wrong_audience");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        assertRefusedFor(account("exp").withTimes(7200, 3600), REJECTED, "token_time");
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        assertRefusedFor(account("iat").withTimes(-900, 3600), REJECTED, "token_time");
    }

    @Test
    void aTokenSignedWithAKeyTheJwksDoesNotPublishIsRefused() throws Exception {
        assertRefusedFor(account("sig").signedWithRogueKey(), REJECTED, "token_invalid");
    }

    @Test
    void anIdTokenReplayedIntoAnotherLoginIsRefusedForItsNonce() throws Exception {
        StandInLogin victim = account("nonce");
        tokens(googleLogin(victim, "openid"));
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        google.replayPreviousIdTokenOnce();

        googleLogin(account("attacker"), "openid");

        assertRefused(REJECTED);
        assertThat(awaitAudit("google_refused", victim.sub()).path("data").path("details").path("reason").asText())
                .isEqualTo("nonce_invalid");
    }

    @Test
    void anUnverifiedOrMissingEmailVerificationIsRefused() throws Exception {
        assertRefusedFor(account("unverified").withEmailVerified(false), "Google account's email address is not verified",
                "email_unverified");
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        assertRefusedFor(account("noclaim").withEmailVerified(null), "Google account's email address is not verified",
                "email_unverified");
    }

    @Test
    void aPersonalAccountIsRefusedWhileTheRealmDoesNotAllowThem() throws Exception {
        assertRefusedFor(StandInLogin.personal(sub(), "kim@gmail.com"), "Personal Google accounts cannot be used",
                "personal_account");
    }

    @Test
    void aPersonalAccountSignsInWithoutATenantWhereTheRealmAllowsThem() throws Exception {
        ObjectNode floor = (ObjectNode) JSON.readTree(realmAdmin.get("/policy").body());
        floor.withObjectProperty("google").put("personalAccounts", true);
        assertThat(realmAdmin.put("/policy", floor.toString()).status()).isEqualTo(200);

        TokenResponse tokens = tokens(googleLogin(StandInLogin.personal(sub(), "lee-" + tenant + "@gmail.com"),
                "openid"));

        assertThat(claims(tokens.accessToken())).doesNotContainKey("tenant");
        demo.admin().users().searchByEmail("lee-" + tenant + "@gmail.com", true)
                .forEach(user -> demo.admin().users().delete(user.getId()).close());
    }

    @Test
    void aDomainNoTenantOwnsIsRefused() throws Exception {
        assertRefusedFor(StandInLogin.workspace(sub(), "max@nobody-" + tenant + ".example", "nobody-" + tenant + ".example"),
                "Your Google account's organization is not set up for sign-in here", "unknown_domain");
    }

    @Test
    void aDomainTheTenantHasNotVerifiedIsRefused() throws Exception {
        String unverified = tenant(false, "{\"google\": {\"jitRole\": \"Viewer\"}}");
        assertRefusedFor(StandInLogin.workspace(sub(), "ned@" + domainOf(unverified), domainOf(unverified)),
                "Your Google account's organization is not set up for sign-in here", "unknown_domain");
    }

    @Test
    void lookAlikeDomainsSignNobodyIn() throws Exception {
        List<String> lookAlikes = List.of(
                domain + ".evil.test",                  // suffix
                "evil" + domain,                        // prefix
                domain + ".",                           // trailing dot
                domain.replace(".example", ".\u0435xample")); // Cyrillic e: a homoglyph
        for (String hd : lookAlikes) {
            HostedLogin.forgetSession(driver(), demo.getBaseUrl());
            StandInLogin who = StandInLogin.workspace(sub(), "oz@" + hd, hd);
            googleLogin(who, "openid");
            assertRefused("not set up for sign-in here");
            assertThat(userByEmail("oz@" + hd)).as(hd).isNull();
        }
    }

    @Test
    void theSameDomainInOtherLetterCaseIsTheTenantsDomain() throws Exception {
        TokenResponse tokens = tokens(googleLogin(StandInLogin.workspace(sub(), "pat@" + domain,
                domain.toUpperCase(Locale.ROOT)), "openid"));
        assertThat(((Map<?, ?>) claims(tokens.accessToken()).get("tenant")).get("alias")).isEqualTo(tenant);
    }

    @Test
    void anHdSentToGoogleButMissingFromTheTokenCountsForNothing() throws Exception {
        String ssoOnly = tenant(true, "{\"google\": {\"required\": true, \"jitRole\": \"Viewer\"}}");
        String email = "quinn@" + domainOf(ssoOnly);
        StandInLogin personal = StandInLogin.personal(sub(), email);
        google.nextLogin(personal);

        AuthorizationRequest request = spa.authorizationRequest("openid");
        driver().get(request.url());
        HostedLogin.enterUsername(driver(), email);

        assertRefused("Personal Google accounts cannot be used");
        assertThat(google.authorizationRequests().get(0)).containsEntry("hd", domainOf(ssoOnly));
        assertThat(userByEmail(email)).isNull();
    }

    private StandInLogin account(String name) {
        return StandInLogin.workspace(sub(), name + "@" + domain, domain);
    }

    private void assertRefusedFor(StandInLogin who, String message, String reason) throws Exception {
        googleLogin(who, "openid");
        assertRefused(message);
        assertThat(userByEmail(who.email())).as("no account for a refused login").isNull();
        assertThat(awaitAudit("google_refused", who.sub()).path("data").path("details").path("reason").asText())
                .isEqualTo(reason);
    }
}
