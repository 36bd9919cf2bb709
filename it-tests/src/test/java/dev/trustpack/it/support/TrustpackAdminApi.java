package dev.trustpack.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Trustpack's admin REST API ({@code /admin/realms/{realm}/trustpack/...}) over plain HTTP with a bearer token, as
 * a SaaS backend or a tenant admin's tool calls it.
 */
public final class TrustpackAdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Supplier<String> bearerToken;
    // HTTP/1.1: the JDK client's h2c upgrade on plain http once left a large export response hanging.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** With one fixed token, as a tool holding a user's access token calls the API. */
    public TrustpackAdminApi(String serverUrl, String realm, String bearerToken) {
        this(serverUrl, realm, () -> bearerToken);
    }

    /**
     * With a token asked for on every request: the master administrator's access token lives 60 s, shorter than a
     * slow test on a loaded CI machine, and the admin client's token manager renews it when it has expired.
     */
    public TrustpackAdminApi(String serverUrl, String realm, Supplier<String> bearerToken) {
        this.base = serverUrl + "/admin/realms/" + realm + "/trustpack";
        this.bearerToken = bearerToken;
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public Reply put(String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path);
        if (jsonBody == null) {
            return send(request.PUT(HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Reply post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Posts a body the server may refuse before reading it (over its HTTP limit); only the status is kept. With
     * {@code Expect: 100-continue} the body is sent only once the server agreed, so a refusal is read as an answer
     * instead of racing the server's closing of the connection.
     */
    public int postStatus(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(request(path).version(HttpClient.Version.HTTP_1_1).expectContinue(true)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    public Reply delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearerToken.get())
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** Status and body; {@link #json()} parses the body. */
    public record Reply(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }

        /** Keycloak's {"errorMessage": "..."} error body. */
        public String errorMessage() {
            return json().path("errorMessage").asText();
        }
    }
}
