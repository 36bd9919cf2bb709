package dev.trustpack.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.keycloak.testframework.server.KeycloakUrls;

/** Keycloak's Prometheus output on the management port ({@code --metrics-enabled=true}, set by the server config). */
public final class ServerMetrics {

    private ServerMetrics() {
    }

    /** The sum of a meter's samples; with {@code tag} (for example {@code reason="budget_timeout"}) only those. */
    public static double sum(KeycloakUrls urls, String name, String tag) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(urls.getMetric())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> tag == null || line.contains(tag))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The lines of the metrics output that start with {@code prefix}, for failure messages. */
    public static String lines(KeycloakUrls urls, String prefix) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(urls.getMetric())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return String.join("\n", body.lines().filter(line -> line.startsWith(prefix)).toList());
    }
}
