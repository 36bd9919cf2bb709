package dev.trustpack.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Moves Keycloak's clock in the test server (Keycloak's own test provider {@code testing-timeoffset}, installed by
 * {@link TrustpackServerConfig} into test servers only — never into run.sh, Docker or a release). Session limits of
 * minutes and hours are then tested in seconds. Always {@link #reset()} after a test: the offset is server-wide.
 */
public final class TestClock implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    /** @param realmUrl any realm's URL, such as the demo realm's */
    public TestClock(String realmUrl) {
        this.endpoint = URI.create(realmUrl + "/testing-timeoffset/");
    }

    /** Keycloak's clock reads {@code offset} later than the real one. */
    public void advance(Duration offset) throws IOException, InterruptedException {
        set((int) offset.toSeconds());
    }

    public void reset() throws IOException, InterruptedException {
        set(0);
    }

    private void set(int seconds) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"offset\": " + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Could not set Keycloak's clock: HTTP " + response.statusCode());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        reset();
    }
}
