package dev.trustpack.bench;

import static dev.trustpack.bench.BenchHttp.HTTP;
import static dev.trustpack.bench.BenchHttp.adminToken;
import static dev.trustpack.bench.BenchHttp.percentile;
import static dev.trustpack.bench.BenchHttp.send;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Password-grant load on loopback, bounded in time: {@code setup} creates a benchmark realm (users, a confidential
 * client with the password grant, brute-force detection off, the given password policy); {@code load} runs N
 * workers for a fixed time and prints logins/s and latency percentiles. Used by benchmarks/run-argon2.sh.
 */
public final class LoginLoad {

    private static final String REALM = "bench";
    private static final String CLIENT = "bench";
    private static final String SECRET = "bench-secret";
    static final String PASSWORD = "correct horse battery staple";

    public static void main(String[] args) throws Exception {
        String base = args[1];
        switch (args[0]) {
            case "setup" -> setup(base, args[2], Integer.parseInt(args[3]));
            case "load" -> load(base, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("setup|load");
        }
    }

    private static void setup(String base, String passwordPolicy, int users) throws Exception {
        String admin = adminToken(base);
        send("POST", base + "/admin/realms", admin, "{\"realm\":\"" + REALM + "\",\"enabled\":true,\"bruteForceProtected\":false,"
                + "\"passwordPolicy\":\"" + passwordPolicy + "\"}", 201);
        send("POST", base + "/admin/realms/" + REALM + "/clients", admin, "{\"clientId\":\"" + CLIENT + "\",\"secret\":\"" + SECRET
                + "\",\"publicClient\":false,\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}", 201);
        for (int i = 0; i < users; i++) {
            send("POST", base + "/admin/realms/" + REALM + "/users", admin, "{\"username\":\"user" + i + "\",\"enabled\":true,"
                    + "\"email\":\"user" + i + "@example.org\",\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"User\","
                    + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}]}", 201);
        }
    }

    private static void load(String base, int workers, int warmupSeconds, int seconds) throws Exception {
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<long[]>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String username = "user" + w;
            results.add(pool.submit(() -> worker(base, username, warmupEnd, end)));
        }
        List<Long> latencies = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> result : results) {
            long[] values = result.get();
            errors += values[0];
            for (int i = 1; i < values.length; i++) {
                latencies.add(values[i]);
            }
        }
        pool.shutdown();
        Collections.sort(latencies);
        System.out.printf("logins=%d errors=%d logins_per_s=%.2f p50_ms=%.1f p99_ms=%.1f%n", latencies.size(), errors,
                latencies.size() / (double) seconds, percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    /** [errors, latency ns...] of the requests that started inside the measured window. */
    private static long[] worker(String base, String username, long warmupEnd, long end) throws Exception {
        List<Long> latencies = new ArrayList<>();
        long errors = 0;
        String body = "grant_type=password&client_id=" + CLIENT + "&client_secret=" + SECRET + "&username=" + username
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&scope=openid";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        while (System.nanoTime() < end) {
            long started = System.nanoTime();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (started >= warmupEnd) {
                if (status == 200) {
                    latencies.add(System.nanoTime() - started);
                } else {
                    errors++;
                }
            }
        }
        long[] values = new long[latencies.size() + 1];
        values[0] = errors;
        for (int i = 0; i < latencies.size(); i++) {
            values[i + 1] = latencies.get(i);
        }
        return values;
    }
}
