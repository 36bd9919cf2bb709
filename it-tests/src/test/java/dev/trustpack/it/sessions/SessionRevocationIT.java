package dev.trustpack.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.it.support.BackchannelLogoutReceiver;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.ClientConfig;
import org.keycloak.testframework.realm.ManagedClient;

/**
 * Access revoked means the sessions end now: a tenant admin ending a member's session (and never another tenant's),
 * a membership removed, tenant roles changed so that the limits shrink. Each ended session is audited with its
 * reason, and a client that registered a back-channel logout URL is told.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class SessionRevocationIT extends SessionTest {

    private static final Duration LOGOUT_WAIT = Duration.ofSeconds(10);

    @InjectClient(ref = "logout-receiver", realmRef = "demo", config = LoggedOutApp.class)
    ManagedClient loggedOutApp;

    /** An app with a back-channel logout endpoint (a loopback receiver the tests read). */
    public static final class LoggedOutApp implements ClientConfig {

        static final String CLIENT_ID = "it-sessions-backchannel";
        static final String SECRET = UUID.randomUUID().toString();
        static final BackchannelLogoutReceiver RECEIVER = BackchannelLogoutReceiver.start();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return TestClients.passwordGrant(client, CLIENT_ID, SECRET)
                    .attribute(TestClients.MFA_LEGACY_EXEMPT, "true")
                    .attribute("backchannel.logout.url", RECEIVER.url())
                    .attribute("backchannel.logout.session.required", "true")
                    .protocolMappers(TestClients.tenantClaims());
        }
    }

    private RelyingParty app;

    @BeforeEach
    void app() throws Exception {
        app = RelyingParty.confidentialClient(demo.getBaseUrl(), LoggedOutApp.CLIENT_ID, LoggedOutApp.SECRET);
    }

    @AfterEach
    void closeApp() {
        app.close();
    }

    @Test
    void aTenantAdminListsTheirMembersSessionsAndEndsOneAuditedAndTheAppIsLoggedOut() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 30, \"maxHours\": 8}}");
        TestUsers.TestUser owner = member(tenant, "Owner");
        TestUsers.TestUser viewer = member(tenant, "Viewer");
        TokenResponse tokens = signIn(app, viewer, tenant);
        TrustpackAdminApi ownerApi = apiAs(owner.username(), "openid organization:" + tenant);

        Reply listed = ownerApi.get("/tenants/" + tenant + "/sessions");

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode session = find(listed.json(), sid(tokens));
        assertThat(session).as("the viewer's session in %s", listed.body()).isNotNull();
        assertThat(session.path("username").asText()).isEqualTo(viewer.username());
        assertThat(session.path("clients").toString()).contains(LoggedOutApp.CLIENT_ID);
        assertThat(session.path("idleMinutes").asLong()).isEqualTo(30);
        assertThat(session.path("maxHours").asLong()).isEqualTo(8);
        assertThat(session.path("endsAt").asLong()).as("30 idle minutes after its last use")
                .isEqualTo(session.path("lastAccess").asLong() + Duration.ofMinutes(30).toMillis());

        Reply ended = ownerApi.delete("/tenants/" + tenant + "/sessions/" + sid(tokens));

        assertThat(ended.status()).as(ended.body()).isEqualTo(204);
        assertThat(LoggedOutApp.RECEIVER.await(claims -> sid(tokens).equals(claims.get("sid")), LOGOUT_WAIT))
                .as("the app's back-channel logout").isNotNull();
        assertThat(app.refresh(tokens.refreshToken()).error()).isEqualTo("invalid_grant");
        JsonNode record = awaitSessionEnded(viewer.id());
        assertThat(reason(record)).isEqualTo(SessionEndedAudit.TENANT_ADMIN);
        assertThat(record.path("data").path("details").path(SessionEndedAudit.TENANT).asText()).isEqualTo(tenant);
        assertThat(find(ownerApi.get("/tenants/" + tenant + "/sessions").json(), sid(tokens))).isNull();
    }

    @Test
    void aTenantAdminNeitherSeesNorEndsASessionUsedOnlyForAnotherTenant() throws Exception {
        String mine = tenantWith("{}");
        String theirs = tenantWith("{}");
        TestUsers.TestUser owner = member(mine, "Owner");
        TestUsers.TestUser both = member(theirs, "Viewer");
        addMember(mine, both.id(), "Viewer");
        TokenResponse theirsTokens = signIn(app, both, theirs);
        TrustpackAdminApi ownerApi = apiAs(owner.username(), "openid organization:" + mine);

        assertThat(find(ownerApi.get("/tenants/" + mine + "/sessions").json(), sid(theirsTokens)))
                .as("a member of both tenants, signed in only to the other").isNull();
        assertThat(ownerApi.delete("/tenants/" + mine + "/sessions/" + sid(theirsTokens)).status()).isEqualTo(404);
        assertThat(ownerApi.get("/tenants/" + theirs + "/sessions").status()).as("not their tenant").isEqualTo(404);
        assertThat(ownerApi.delete("/tenants/" + theirs + "/sessions/" + sid(theirsTokens)).status()).isEqualTo(404);
        assertThat(ownerApi.delete("/tenants/" + mine + "/sessions/no-such-session").status()).isEqualTo(404);
        assertThat(ownerApi.delete("/tenants/" + mine + "/sessions/%00%27%3B").status()).as("malformed id")
                .isEqualTo(404);
        assertThat(ownerApi.get("/tenants/" + mine + "/sessions?first=-1").status()).isEqualTo(400);
        assertThat(ownerApi.get("/tenants/" + mine + "/sessions?max=many").status()).isEqualTo(400);

        assertThat(app.refresh(theirsTokens.refreshToken()).status()).as("still signed in").isEqualTo(200);
        assertThat(LoggedOutApp.RECEIVER.forSession(sid(theirsTokens))).isEmpty();
    }

    @Test
    void aTenantAdminEndsNoSessionOfAMemberRankedAboveThem() throws Exception {
        String tenant = tenantWith("{}");
        TestUsers.TestUser owner = member(tenant, "Owner");
        TestUsers.TestUser admin = member(tenant, "Admin");
        TokenResponse ownerTokens = signIn(app, owner, tenant);
        TrustpackAdminApi adminApi = apiAs(admin.username(), "openid organization:" + tenant);

        Reply refused = adminApi.delete("/tenants/" + tenant + "/sessions/" + sid(ownerTokens));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(app.refresh(ownerTokens.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void removingAMembershipEndsTheSessionsUsedForThatTenantAudited() throws Exception {
        String tenant = tenantWith("{}");
        TestUsers.TestUser viewer = member(tenant, "Viewer");
        TokenResponse tokens = signIn(app, viewer, tenant);

        assertThat(realmAdmin.delete("/tenants/" + tenant + "/members/" + viewer.id()).status()).isEqualTo(204);

        assertThat(demo.admin().users().get(viewer.id()).getUserSessions()).isEmpty();
        assertThat(LoggedOutApp.RECEIVER.await(claims -> sid(tokens).equals(claims.get("sid")), LOGOUT_WAIT))
                .isNotNull();
        JsonNode record = awaitSessionEnded(viewer.id());
        assertThat(reason(record)).isEqualTo(SessionEndedAudit.MEMBERSHIP_REMOVED);
        assertThat(record.path("data").path("details").path(SessionEndedAudit.TENANT).asText()).isEqualTo(tenant);
    }

    @Test
    void aRoleThatShortensTheLimitsTightensTheSessionsAlreadyOpenAndTakingItBackDoesNotLoosenThem() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 30},"
                + " \"roles\": {\"Admin\": {\"sessions\": {\"idleMinutes\": 5}}}}");
        TestUsers.TestUser promoted = member(tenant, "Viewer");
        TestUsers.TestUser unchanged = member(tenant, "Viewer");
        TokenResponse promotedTokens = signIn(app, promoted, tenant);
        TokenResponse unchangedTokens = signIn(app, unchanged, tenant);

        String adminRole = "/tenants/" + tenant + "/members/" + promoted.id() + "/roles/Admin";
        Reply granted = realmAdmin.put(adminRole, null);
        assertThat(granted.status()).as(granted.body()).isEqualTo(204);
        Reply revoked = realmAdmin.delete(adminRole);
        assertThat(revoked.status()).as("a Viewer again: " + revoked.body()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(10));

        assertThat(app.refresh(promotedTokens.refreshToken()).error()).as("5 idle minutes since the promotion, kept")
                .isEqualTo("invalid_grant");
        assertThat(app.refresh(unchangedTokens.refreshToken()).status()).as("never an Admin: 30").isEqualTo(200);
    }

    @Test
    void aRoleChangeWhoseLimitHasAlreadyPassedEndsTheSessionAtOnce() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 30},"
                + " \"roles\": {\"Admin\": {\"sessions\": {\"idleMinutes\": 5}}}}");
        TestUsers.TestUser owner = member(tenant, "Owner");
        TestUsers.TestUser viewer = member(tenant, "Viewer");
        TokenResponse tokens = signIn(app, viewer, tenant);
        clock.advance(Duration.ofMinutes(10));
        // The owner signs in on the moved clock, so their token is valid there.
        TrustpackAdminApi ownerApi = apiAs(owner.username(), "openid organization:" + tenant);

        Reply granted = ownerApi.put("/tenants/" + tenant + "/members/" + viewer.id() + "/roles/Admin", null);

        assertThat(granted.status()).as(granted.body()).isEqualTo(204);
        assertThat(LoggedOutApp.RECEIVER.await(claims -> sid(tokens).equals(claims.get("sid")), LOGOUT_WAIT))
                .as("ended by the role change, not by a later request").isNotNull();
        clock.reset();
        assertThat(reason(awaitSessionEnded(viewer.id()))).isEqualTo(SessionEndedAudit.ROLES_CHANGED);
        assertThat(app.refresh(tokens.refreshToken()).error()).isEqualTo("invalid_grant");
    }

    private static JsonNode find(JsonNode sessions, String sid) {
        for (JsonNode session : sessions) {
            if (sid.equals(session.path("id").asText())) {
                return session;
            }
        }
        return null;
    }
}
