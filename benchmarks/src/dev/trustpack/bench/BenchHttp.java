package dev.trustpack.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** What every load generator here needs: an HTTP client, the master admin's token, admin calls, percentiles. */
final class BenchHttp {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    private BenchHttp() {
    }

    /** The bootstrap admin's token (admin/admin, as the scripts start Keycloak). */
    static String adminToken(String base) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin"
                        + "&password=admin")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("no admin token: " + response.statusCode());
        }
        return token.group(1);
    }

    /** An admin call that must answer {@code expected}; returns the body. */
    static String send(String method, String url, String token, String json, int expected) throws Exception {
        HttpResponse<String> response = request(method, url, token, json);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    static HttpResponse<String> request(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Adds a Trustpack webhook sink to the realm, delivering to 127.0.0.1:{@code port}/audit with the secret from the
     * vault entry {@code audit-webhook} (the scripts write it); returns the sink's id.
     */
    static String addWebhookSink(String base, String realm, int port) throws Exception {
        String admin = adminToken(base);
        String realmId = JSON.readTree(send("GET", base + "/admin/realms/" + realm, admin, null, 200)).path("id").asText();
        HttpResponse<String> created = request("POST", base + "/admin/realms/" + realm + "/components", admin,
                "{\"name\":\"bench-webhook\",\"providerId\":\"trustpack-webhook\",\"providerType\":"
                        + "\"dev.trustpack.audit.sink.AuditSink\",\"parentId\":\"" + realmId + "\",\"config\":{"
                        + "\"url\":[\"http://127.0.0.1:" + port + "/audit\"],"
                        + "\"secret\":[\"${vault.audit-webhook}\"]}}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("sink: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** What a webhook receiver does with one delivery (a JSON array of CloudEvents) that arrived at {@code arrivalMillis}. */
    interface Batch {
        void accept(JsonNode events, long arrivalMillis);
    }

    /** The audit webhook sink's receiver on 127.0.0.1:{@code port}{@code /audit}: hands each batch on, answers 204. */
    static HttpServer webhookReceiver(int port, Batch batch) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.createContext("/audit", exchange -> {
            long arrival = System.currentTimeMillis();
            try (InputStream in = exchange.getRequestBody()) {
                batch.accept(JSON.readTree(in), arrival);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        // Daemon threads: HttpServer.stop leaves its executor running, which would keep this JVM alive.
        server.setExecutor(Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    /** The p-quantile of sorted nanosecond samples, in milliseconds. */
    static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
    }
}
