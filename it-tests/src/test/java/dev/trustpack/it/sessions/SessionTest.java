package dev.trustpack.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestClock;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tenants with a session policy, their members, sign-ins and the audit trail, for the session tests on the shared
 * server. Keycloak's clock is moved forward (its test-only clock) instead of waiting; admin calls wait until it is
 * back, since the admin's own short-lived token would look expired on the moved clock.
 */
abstract class SessionTest extends DirectGrantTest {

    private static final Duration AUDIT_WAIT = Duration.ofSeconds(15);

    protected TestClock clock;
    protected TestTenants tenants;
    private final List<String> users = new ArrayList<>();
    private Instant start;

    @BeforeEach
    void clockAndTenants() {
        start = Instant.now().minusSeconds(1);
        clock = new TestClock(demo.getBaseUrl());
        tenants = new TestTenants(demo.admin());
    }

    @AfterEach
    void resetClockAndRemoveTenants() throws Exception {
        clock.reset();
        users.forEach(id -> demo.admin().users().delete(id).close());
        users.clear();
        tenants.removeAll();
    }

    /** A new tenant with this policy document (JSON). */
    protected String tenantWith(String policy) throws Exception {
        String alias = tenants.create("s", Map.of());
        Reply stored = realmAdmin.put("/tenants/" + alias + "/policy", policy);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        return alias;
    }

    /** A new user, member of the tenant with this role (removed after the test). */
    protected TestUsers.TestUser member(String tenant, String role) throws Exception {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "sess", "example.org");
        users.add(user.id());
        addMember(tenant, user.id(), role);
        return user;
    }

    protected void addMember(String tenant, String userId, String role) throws Exception {
        Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + userId, "{\"roles\": [\"" + role + "\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    /** A password-grant sign-in to the tenant through the class's direct-grant client. */
    protected TokenResponse signIn(TestUsers.TestUser user, String tenant) throws Exception {
        return signIn(client, user, tenant);
    }

    protected static TokenResponse signIn(RelyingParty through, TestUsers.TestUser user, String tenant)
            throws Exception {
        TokenResponse tokens = through.passwordGrant(user.username(), DemoRealm.PASSWORD, "openid organization:" + tenant);
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        return tokens;
    }

    /** The SSO session a token belongs to. */
    protected static String sid(TokenResponse tokens) {
        return (String) RelyingParty.unverifiedClaims(tokens.accessToken()).get("sid");
    }

    /** The {@code session_ended} audit record of this user (waits for it). */
    protected JsonNode awaitSessionEnded(String userId) throws Exception {
        return awaitAudit(SessionEndedAudit.TYPE, userId);
    }

    protected JsonNode awaitAudit(String type, String userId) throws Exception {
        return AuditSinks.awaitRecord(realmAdmin, start, record -> record.path("type").asText()
                .endsWith(".trustpack." + type) && userId.equals(record.path("subject").asText()), AUDIT_WAIT);
    }

    protected static String reason(JsonNode record) {
        return record.path("data").path("details").path(SessionEndedAudit.REASON).asText();
    }
}
