package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
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
 * CIBA (client-initiated backchannel authentication) never runs a login flow: the user approves on another device
 * (here an authentication-channel server on loopback that approves at once) and Keycloak makes a session. The token
 * guard refuses that session's token for a user whose policy requires MFA, and lets others through.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaCibaIT extends DirectGrantTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectClient(ref = "ciba", realmRef = "demo", config = CibaClient.class)
    ManagedClient cibaClient;

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> channelTokens = new ArrayBlockingQueue<>(10);
    private HttpServer channel;
    private TestTenants tenants;
    private String userId;

    @BeforeEach
    void startChannel() throws Exception {
        tenants = new TestTenants(demo.admin());
        channel = HttpServer.create(new InetSocketAddress("127.0.0.1", TrustpackServerConfig.CIBA_CHANNEL_PORT), 0);
        channel.createContext("/ciba", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            channelTokens.add(authorization == null ? "" : authorization.replaceFirst("^Bearer ", ""));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        channel.start();
    }

    @AfterEach
    void stopChannel() {
        channel.stop(0);
        if (userId != null) {
            demo.admin().users().delete(userId).close();
        }
        tenants.removeAll();
    }

    @Test
    void aCibaSessionGetsNoTokenForAUserWhosePolicyRequiresMfa() throws Exception {
        String alias = tenants.create("ciba", Map.of("trustpack.policy.mfa.require", "required",
                "trustpack.policy.mfa.graceDays", "0"));
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "ciba", "example.org");
        userId = user.id();
        Reply added = realmAdmin.put("/tenants/" + alias + "/members/" + user.id(), "{}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        HttpResponse<String> token = approvedCibaLogin(user.username());

        assertThat(token.statusCode()).as(token.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(token.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.path("error_description").asText()).contains("Multi-factor authentication is required");
    }

    @Test
    void aCibaSessionOfAUserWithoutAnMfaRequirementGetsItsToken() throws Exception {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "ciba", "example.org");
        userId = user.id();

        HttpResponse<String> token = approvedCibaLogin(user.username());

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(JSON.readTree(token.body()).path("access_token").asText()).isNotEmpty();
    }

    /** The backchannel request, the channel's approval (Keycloak's callback), then the token poll. */
    private HttpResponse<String> approvedCibaLogin(String username) throws Exception {
        String base = demo.getBaseUrl() + "/protocol/openid-connect";
        HttpResponse<String> requested = post(base + "/ext/ciba/auth", basic(),
                "scope=openid&login_hint=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        String authReqId = JSON.readTree(requested.body()).path("auth_req_id").asText();
        String channelToken = channelTokens.poll(20, TimeUnit.SECONDS);
        assertThat(channelToken).as("Keycloak called the authentication channel").isNotBlank();

        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(base + "/ext/ciba/auth/callback"))
                .header("Authorization", "Bearer " + channelToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"SUCCEED\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).as(approved.body()).isIn(200, 204);

        // Keycloak's polling interval for CIBA is 5 s.
        Thread.sleep(5_500);
        return post(base + "/token", basic(), "grant_type=" + URLEncoder.encode("urn:openid:params:grant-type:ciba",
                StandardCharsets.UTF_8) + "&auth_req_id=" + URLEncoder.encode(authReqId, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String url, String authorization, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((CibaClient.CLIENT_ID + ":" + CibaClient.SECRET)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A confidential client with the CIBA grant in poll mode. */
    public static final class CibaClient implements ClientConfig {

        static final String CLIENT_ID = "it-ciba";
        static final String SECRET = UUID.randomUUID().toString();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return client.clientId(CLIENT_ID).secret(SECRET).publicClient(false)
                    .attribute("oidc.ciba.grant.enabled", "true")
                    .attribute("ciba.backchannel.token.delivery.mode", "poll");
        }
    }
}
