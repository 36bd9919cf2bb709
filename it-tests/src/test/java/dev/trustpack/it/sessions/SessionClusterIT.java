package dev.trustpack.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.argon2.hash.Argon2idPasswordHashProviderFactory;
import dev.trustpack.audit.listener.AuditEventListenerFactory;
import dev.trustpack.common.admin.TrustpackAdminRootFactory;
import dev.trustpack.google.provider.TenantGoogleIdentityProviderFactory;
import dev.trustpack.it.support.BackchannelLogoutReceiver;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.KeycloakCluster;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.StandaloneKeycloak;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TestClock;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.mfa.policy.MfaPolicySectionFactory;
import dev.trustpack.sessions.policy.SessionPolicySectionFactory;
import dev.trustpack.tenancy.TenancyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.remote.providers.timeoffset.TimeOffSetRealmResourceProviderFactory;
import org.keycloak.util.JsonSerialization;

/**
 * The tenant's session limits hold in a two-node Keycloak cluster (one PostgreSQL database, JGroups discovery through
 * it): a session used on one node ends by the limits recorded on the other, the limits survive a restart of the whole
 * cluster, and a {@code kill -9} of one node loses neither the sessions nor their limits. The limits live in
 * user-session notes persisted with the session, which is what these tests hold to.
 *
 * <p>Keycloak's clock is moved on every running node (Keycloak's test-only {@code testing-timeoffset}: one offset per
 * JVM). The demo realm is imported with one test client that may use the password grant; carol is acme's Viewer, for
 * whom acme's policy requires no MFA.
 */
// A machine with only a JDK runs the README's ./mvnw verify: this class is then reported as skipped, with the reason.
@EnabledIfEnvironmentVariable(named = KeycloakCluster.DB_URL_ENV, matches = ".*\\S.*", disabledReason = "two nodes "
        + "share one PostgreSQL database; CI's PostgreSQL pass sets " + KeycloakCluster.DB_URL_ENV)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SessionClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "it-cluster-direct-grant";
    private static final String CLIENT_SECRET = UUID.randomUUID().toString();
    private static final String TENANT = "acme";
    private static final String USER = DemoRealm.CAROL;
    /** Long enough for a restart of both nodes in real time; the clock moves past it in an instant. */
    private static final int IDLE_MINUTES = 10;
    private static final Duration WITHIN_LIMIT = Duration.ofMinutes(5);
    private static final Duration PAST_LIMIT = WITHIN_LIMIT.plusMinutes(IDLE_MINUTES + 1);
    /** The guard's error description: the session ended by Trustpack's limits, not by Keycloak's own (30 minutes). */
    private static final String ENDED_BY_LIMITS = "passed its idle or maximum time";
    /**
     * What Keycloak answers for a session that is gone: here only the sweep or the guard can have ended it, since the
     * realm's own limits (30 idle minutes) are not reached.
     */
    private static final String SESSION_GONE = "Session not active";
    private static final String BY_GUARD_OR_SWEEP = "ended by Trustpack's limits: by the guard at this refresh, or by "
            + "the sweep just before it";
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);
    private static final String LOGOUT_CLIENT_ID = "it-cluster-backchannel";
    private static final BackchannelLogoutReceiver LOGOUTS = BackchannelLogoutReceiver.start();
    private static final int A = 0;
    private static final int B = 1;

    private static KeycloakCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KeycloakCluster.prepare("sessions-cluster",
                List.of(TrustpackAdminRootFactory.class, TenancyProvider.class, SessionPolicySectionFactory.class,
                        MfaPolicySectionFactory.class, TenantGoogleIdentityProviderFactory.class,
                        AuditEventListenerFactory.class, Argon2idPasswordHashProviderFactory.class,
                        // Keycloak's test clock, per JVM: on every node.
                        TimeOffSetRealmResourceProviderFactory.class),
                Map.of("trustpack-demo-realm.json", demoRealmWithPasswordGrantClient()),
                // Every node schedules the sweep every 2 s; the cluster lets one node at a time run it.
                List.of("--spi-events-listener--trustpack-sessions--sweep-interval=" + SWEEP_INTERVAL.toSeconds()));
        cluster.start();

        TrustpackAdminApi admin = admin();
        JsonNode policy = admin.get("/tenants/" + TENANT + "/policy").json();
        // A PUT replaces the whole document: acme's MFA sections stay as they are.
        ((ObjectNode) policy).putObject("sessions").put("idleMinutes", IDLE_MINUTES);
        TrustpackAdminApi.Reply stored = admin.put("/tenants/" + TENANT + "/policy", JSON.writeValueAsString(policy));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Each test starts with every node up (an earlier one may have killed one) and real time on each. */
    @BeforeEach
    void everyNodeUpWithItsRealClock() throws Exception {
        cluster.start();
        resetClocks();
    }

    @AfterEach
    void realClocks() throws Exception {
        resetClocks();
    }

    @Test
    @Order(1)
    void aSessionIdleOnOneNodeEndsOnTheOtherAndForTheWholeCluster() throws Exception {
        TokenResponse signedIn = passwordGrant(A);

        advanceClocks(WITHIN_LIMIT);
        TokenResponse kept = refresh(B, signedIn.refreshToken());
        assertThat(kept.status()).as("within the limit, on the other node: %s", describe(kept)).isEqualTo(200);
        advanceClocks(PAST_LIMIT);
        TokenResponse refused = refresh(B, kept.refreshToken());

        assertThat(refused.status()).as(describe(refused)).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorDescription()).as(BY_GUARD_OR_SWEEP).containsAnyOf(ENDED_BY_LIMITS, SESSION_GONE);
        // On real time the first token is within every limit again: only an ended session explains a refusal.
        resetClocks();
        TokenResponse onTheFirstNode = refresh(A, signedIn.refreshToken());
        assertThat(onTheFirstNode.status()).as("the session ended for node A too: %s", describe(onTheFirstNode))
                .isEqualTo(400);
        assertThat(onTheFirstNode.error()).isEqualTo("invalid_grant");
    }

    @Test
    @Order(2)
    void theSweepEndsPastLimitSessionsNoRequestTouchesOnceAcrossTheCluster() throws Exception {
        TokenResponse onA = passwordGrant(A, LOGOUT_CLIENT_ID);
        TokenResponse onB = passwordGrant(B, LOGOUT_CLIENT_ID);
        List<String> sids = List.of(sid(onA), sid(onB));
        Thread.sleep(3 * SWEEP_INTERVAL.toMillis());
        assertThat(sids).as("within the limit the sweep leaves them").allSatisfy(sid ->
                assertThat(LOGOUTS.forSession(sid)).isEmpty());

        advanceClocks(PAST_LIMIT);

        for (String sid : sids) {
            Map<String, Object> logout = LOGOUTS.await(claims -> sid.equals(claims.get("sid")),
                    SWEEP_INTERVAL.multipliedBy(10));
            assertThat(logout).as("the client's back-channel logout for a session begun on either node").isNotNull();
            assertThat(logout.get("iss")).as("the issuer the client knows, outside any request")
                    .isEqualTo(cluster.frontendUrl() + "/realms/" + DemoRealm.NAME);
        }
        Thread.sleep(3 * SWEEP_INTERVAL.toMillis());
        assertThat(sids).as("one node at a time: one logout per session").allSatisfy(sid ->
                assertThat(LOGOUTS.forSession(sid)).hasSize(1));
        // Back on real time the sessions would be within their limits: refused only because the sweep ended them.
        resetClocks();
        for (TokenResponse tokens : List.of(onA, onB)) {
            TokenResponse refused = refresh(B, tokens.refreshToken(), LOGOUT_CLIENT_ID);
            assertThat(refused.error()).as(describe(refused)).isEqualTo("invalid_grant");
            assertThat(refused.errorDescription()).contains(SESSION_GONE);
        }
    }

    @Test
    @Order(3)
    void aSessionAndItsLimitsSurviveARestartOfTheWholeCluster() throws Exception {
        TokenResponse signedIn = passwordGrant(A);

        cluster.stop(B);
        cluster.stop(A);
        cluster.start(A);
        cluster.start(B);

        advanceClocks(WITHIN_LIMIT);
        TokenResponse onB = refresh(B, signedIn.refreshToken());
        assertThat(onB.status()).as("the session survived the restart: %s", describe(onB)).isEqualTo(200);
        TokenResponse onA = refresh(A, onB.refreshToken());
        assertThat(onA.status()).as(describe(onA)).isEqualTo(200);
        advanceClocks(PAST_LIMIT);
        TokenResponse refused = refresh(A, onA.refreshToken());

        assertThat(refused.status()).as("its limits survived the restart: %s", describe(refused)).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorDescription()).as(BY_GUARD_OR_SWEEP).containsAnyOf(ENDED_BY_LIMITS, SESSION_GONE);
    }

    @Test
    @Order(4)
    void killingOneNodeDuringRefreshesLosesNoSessionAndNoLimitAndAnswersNoServerError() throws Exception {
        // Written by the refresh loop (each refresh's newest token), read here once the loop has ended.
        List<String> refreshTokens = new CopyOnWriteArrayList<>();
        for (int node : new int[] {A, B, A, B, A, B}) {
            refreshTokens.add(passwordGrant(node).refreshToken());
        }
        ConcurrentMap<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger afterKill = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Thread loop = new Thread(() -> {
            while (running.get()) {
                for (int i = 0; i < refreshTokens.size() && running.get(); i++) {
                    String outcome;
                    try {
                        TokenResponse refreshed = refresh(B, refreshTokens.get(i));
                        outcome = String.valueOf(refreshed.status());
                        if (refreshed.status() == 200) {
                            refreshTokens.set(i, refreshed.refreshToken());
                        } else {
                            outcome = describe(refreshed);
                        }
                    } catch (IOException e) {
                        outcome = e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    answers.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
                    if (killed.get()) {
                        afterKill.incrementAndGet();
                    }
                }
            }
        }, "refresh-loop-on-node-B");
        loop.setDaemon(true);

        loop.start();
        long pid;
        try {
            Thread.sleep(2_000);
            pid = cluster.node(A).pid();
            cluster.killHard(A);
            killed.set(true);
            cluster.awaitOneCluster(); // node B noticed: its view is itself alone
            Thread.sleep(3_000);
        } finally {
            running.set(false);
            loop.join(Duration.ofSeconds(60).toMillis());
        }
        assertThat(ProcessHandle.of(pid)).as("node A (pid %d) after SIGKILL", pid)
                .matches(handle -> handle.isEmpty() || !handle.get().isAlive());

        assertThat(loop.isAlive()).as("the refresh loop ended").isFalse();
        assertThat(afterKill.get()).as("refreshes on node B after the kill").isGreaterThanOrEqualTo(refreshTokens.size());
        assertThat(answers.keySet()).as("every refresh on node B, before and after the kill: %s", answers)
                .containsExactly("200");

        advanceClocks(WITHIN_LIMIT);
        List<TokenResponse> kept = new ArrayList<>();
        for (String token : refreshTokens) {
            kept.add(refresh(B, token));
        }
        assertThat(kept).as("within the limit, sessions begun on both nodes: %s", describe(kept))
                .extracting(TokenResponse::status).containsOnly(200);
        advanceClocks(PAST_LIMIT);
        List<TokenResponse> refused = new ArrayList<>();
        for (TokenResponse response : kept) {
            refused.add(refresh(B, response.refreshToken()));
        }
        assertThat(refused).as("past the limit: %s", describe(refused)).extracting(TokenResponse::status)
                .containsOnly(400);
        assertThat(refused).extracting(TokenResponse::error).containsOnly("invalid_grant");
        assertThat(refused).extracting(TokenResponse::errorDescription)
                .allSatisfy(description -> assertThat(description).containsAnyOf(ENDED_BY_LIMITS, SESSION_GONE));
    }

    private TokenResponse passwordGrant(int node) throws IOException, InterruptedException {
        return passwordGrant(node, CLIENT_ID);
    }

    private TokenResponse passwordGrant(int node, String clientId) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", USER);
        form.put("password", DemoRealm.PASSWORD);
        form.put("scope", "openid organization:" + TENANT);
        TokenResponse tokens = token(node, form, clientId);
        assertThat(tokens.status()).as("password grant on node %d: %s", node, describe(tokens)).isEqualTo(200);
        return tokens;
    }

    private TokenResponse refresh(int node, String refreshToken) throws IOException, InterruptedException {
        return refresh(node, refreshToken, CLIENT_ID);
    }

    private TokenResponse refresh(int node, String refreshToken, String clientId)
            throws IOException, InterruptedException {
        return token(node, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), clientId);
    }

    private TokenResponse token(int node, Map<String, String> params, String clientId)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("client_id", clientId);
        form.put("client_secret", CLIENT_SECRET);
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realmUrl(cluster.node(node))
                        + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = response.body().isBlank() ? Map.of("body", "")
                : response.body().startsWith("{") ? JsonSerialization.readValue(response.body(), Map.class)
                : Map.of("body", response.body());
        return new TokenResponse(response.statusCode(), json);
    }

    private static String sid(TokenResponse tokens) {
        return (String) RelyingParty.unverifiedClaims(tokens.accessToken()).get("sid");
    }

    private static void advanceClocks(Duration offset) throws IOException, InterruptedException {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.node(i).isRunning()) {
                new TestClock(realmUrl(cluster.node(i))).advance(offset);
            }
        }
    }

    private static void resetClocks() throws IOException, InterruptedException {
        advanceClocks(Duration.ZERO);
    }

    private static String realmUrl(StandaloneKeycloak node) {
        return node.baseUrl() + "/realms/" + DemoRealm.NAME;
    }

    private static List<String> describe(List<TokenResponse> responses) {
        return responses.stream().map(SessionClusterIT::describe).toList();
    }

    /** Status and error, never the tokens themselves (they would end up in the test reports). */
    private static String describe(TokenResponse response) {
        if (response.status() == 200) {
            return "200 (tokens)";
        }
        return response.status() + " " + (response.error() != null
                ? response.error() + ": " + response.errorDescription() : response.body());
    }

    /** Admin REST on node A; clocks must be real (the admin's short-lived token would look expired otherwise). */
    private static TrustpackAdminApi admin() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(cluster.adminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cluster.node(A).baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("admin token: %s", response.body()).isEqualTo(200);
        return new TrustpackAdminApi(cluster.node(A).baseUrl(), DemoRealm.NAME,
                JSON.readTree(response.body()).path("access_token").asText());
    }

    /**
     * The demo realm as run.sh imports it, plus two confidential clients that may use the password grant, one of them
     * with a back-channel logout endpoint (the test's receiver).
     */
    private static String demoRealmWithPasswordGrantClient() throws IOException {
        RealmRepresentation realm = DemoRealm.load();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setSecret(CLIENT_SECRET);
        client.setPublicClient(false);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setProtocolMappers(List.of(TestClients.tenantClaims()));
        realm.getClients().add(client);
        ClientRepresentation loggedOut = new ClientRepresentation();
        loggedOut.setClientId(LOGOUT_CLIENT_ID);
        loggedOut.setSecret(CLIENT_SECRET);
        loggedOut.setPublicClient(false);
        loggedOut.setDirectAccessGrantsEnabled(true);
        loggedOut.setStandardFlowEnabled(false);
        loggedOut.setAttributes(Map.of("backchannel.logout.url", LOGOUTS.url(),
                "backchannel.logout.session.required", "true"));
        loggedOut.setProtocolMappers(List.of(TestClients.tenantClaims()));
        realm.getClients().add(loggedOut);
        return JsonSerialization.writeValueAsString(realm);
    }
}
