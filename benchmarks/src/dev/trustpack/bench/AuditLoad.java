package dev.trustpack.bench;

import static dev.trustpack.bench.BenchHttp.HTTP;
import static dev.trustpack.bench.BenchHttp.adminToken;
import static dev.trustpack.bench.BenchHttp.percentile;
import static dev.trustpack.bench.BenchHttp.send;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Load for benchmarks/run-audit.sh, against one Keycloak on loopback, bounded in count and time.
 * <ul>
 *   <li>{@code latency}: password-grant logins, each worker alternating between two identical realms, one with the
 *       {@code trustpack-audit} listener (and a webhook sink) and one without; prints p50/p99 of each.</li>
 *   <li>{@code audit}: the same latency phase, then delivery lag at a fixed login rate (arrival at the webhook
 *       receiver minus the record's time), then throughput: a backlog of records built while the sink is paused,
 *       drained after resume, measured at the receiver.</li>
 * </ul>
 * The receiver is a plain HTTP server on 127.0.0.1 in this process. Logins use a cheap PBKDF2 policy so the audit
 * cost is not hidden under password hashing.
 */
public final class AuditLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ON = "bench-audit-on";
    private static final String OFF = "bench-audit-off";
    private static final String CLIENT = "bench";
    private static final String SECRET = "bench-secret";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String POLICY = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)";

    /** Arrival time (ms) of each record the receiver accepted, by record id (first arrival). */
    private static final Map<String, long[]> ARRIVALS = new ConcurrentHashMap<>();
    private static final AtomicLong REQUESTS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String base = args[1];
        int workers = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        switch (args[0]) {
            case "latency" -> {
                setup(base, workers, false, 0);
                latency(base, workers, warmup, seconds);
            }
            case "audit" -> {
                int receiverPort = Integer.parseInt(args[5]);
                int rate = Integer.parseInt(args[6]);
                int backlog = Integer.parseInt(args[7]);
                HttpServer receiver = receiver(receiverPort);
                try {
                    String sink = setup(base, workers, true, receiverPort);
                    latency(base, workers, warmup, seconds);
                    lag(base, workers, rate, seconds);
                    throughput(base, workers, sink, backlog);
                } finally {
                    receiver.stop(0);
                }
            }
            default -> throw new IllegalArgumentException("latency|audit");
        }
    }

    /** Two identical realms; only ON lists trustpack-audit and has the webhook sink. Returns the sink id. */
    private static String setup(String base, int users, boolean audit, int receiverPort) throws Exception {
        String admin = adminToken(base);
        String sink = null;
        for (String realm : List.of(ON, OFF)) {
            String listeners = audit && realm.equals(ON) ? "[\"jboss-logging\",\"trustpack-audit\"]" : "[\"jboss-logging\"]";
            send("POST", base + "/admin/realms", admin, "{\"realm\":\"" + realm + "\",\"enabled\":true,"
                    + "\"bruteForceProtected\":false,\"eventsEnabled\":false,\"eventsListeners\":" + listeners
                    + ",\"passwordPolicy\":\"" + POLICY + "\"}", 201);
            send("POST", base + "/admin/realms/" + realm + "/clients", admin, "{\"clientId\":\"" + CLIENT
                    + "\",\"secret\":\"" + SECRET + "\",\"publicClient\":false,\"directAccessGrantsEnabled\":true,"
                    + "\"standardFlowEnabled\":false}", 201);
            for (int i = 0; i < users; i++) {
                send("POST", base + "/admin/realms/" + realm + "/users", admin, "{\"username\":\"user" + i
                        + "\",\"enabled\":true,\"email\":\"user" + i + "@example.org\",\"emailVerified\":true,"
                        + "\"firstName\":\"Bench\",\"lastName\":\"User\",\"credentials\":[{\"type\":\"password\","
                        + "\"value\":\"" + PASSWORD + "\",\"temporary\":false}]}", 201);
            }
        }
        if (audit) {
            sink = BenchHttp.addWebhookSink(base, ON, receiverPort);
        }
        return sink;
    }

    /** Workers alternate realms request by request, so both see the same server state. */
    private static void latency(String base, int workers, int warmupSeconds, int seconds) throws Exception {
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<List<Long>>>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String username = "user" + w;
            int first = w % 2;
            results.add(pool.submit(() -> {
                List<List<Long>> byRealm = List.of(new ArrayList<>(), new ArrayList<>());
                int turn = first;
                while (System.nanoTime() < end) {
                    String realm = turn == 0 ? ON : OFF;
                    long started = System.nanoTime();
                    int status = login(base, realm, username);
                    if (status != 200) {
                        throw new IllegalStateException("login answered " + status);
                    }
                    if (started >= warmupEnd) {
                        byRealm.get(turn).add(System.nanoTime() - started);
                    }
                    turn = 1 - turn;
                }
                return byRealm;
            }));
        }
        List<Long> on = new ArrayList<>();
        List<Long> off = new ArrayList<>();
        for (Future<List<List<Long>>> result : results) {
            on.addAll(result.get().get(0));
            off.addAll(result.get().get(1));
        }
        pool.shutdown();
        Collections.sort(on);
        Collections.sort(off);
        double onP50 = percentile(on, 0.50);
        double offP50 = percentile(off, 0.50);
        System.out.printf("latency listener_on: logins=%d p50_ms=%.2f p99_ms=%.2f%n", on.size(), onP50, percentile(on, 0.99));
        System.out.printf("latency listener_off: logins=%d p50_ms=%.2f p99_ms=%.2f%n", off.size(), offP50, percentile(off, 0.99));
        System.out.printf("latency on/off: p50 ratio=%.3f p50 overhead_ms=%.2f logins_per_s=%.1f%n", onP50 / offP50,
                onP50 - offP50, (on.size() + off.size()) / (double) seconds);
        System.out.flush();
    }

    /** Logins at a fixed rate; lag = arrival at the receiver minus the record's time, for the records of this phase. */
    private static void lag(String base, int workers, int rate, int seconds) throws Exception {
        long phaseStart = System.currentTimeMillis();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(workers, 8));
        AtomicLong sent = new AtomicLong();
        long total = (long) rate * seconds;
        clock.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() <= total) {
                String username = "user" + (sent.get() % workers);
                pool.execute(() -> {
                    try {
                        login(base, ON, username);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1000L + 500);
        clock.shutdown();
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        awaitArrivals(phaseStart, total, Duration.ofSeconds(60));
        List<Long> lags = new ArrayList<>();
        ARRIVALS.forEach((id, timeAndArrival) -> {
            if (timeAndArrival[0] >= phaseStart) {
                lags.add((timeAndArrival[1] - timeAndArrival[0]) * 1_000_000);
            }
        });
        Collections.sort(lags);
        System.out.printf("lag at %d logins/s for %d s: records=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f%n", rate,
                seconds, lags.size(), percentile(lags, 0.50), percentile(lags, 0.99),
                lags.isEmpty() ? 0 : lags.get(lags.size() - 1) / 1e6);
        System.out.flush();
    }

    /** A backlog of login records built while the sink is paused, then drained: records/s at the receiver. */
    private static void throughput(String base, int workers, String sink, int backlog) throws Exception {
        String admin = adminToken(base);
        String sinkPath = base + "/admin/realms/" + ON + "/trustpack/audit/sinks/" + sink;
        send("POST", sinkPath + "/pause", admin, "", 200);
        long phaseStart = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong remaining = new AtomicLong(backlog);
        List<Future<?>> done = new ArrayList<>();
        long buildStarted = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            String username = "user" + w;
            done.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    login(base, ON, username);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        double buildSeconds = (System.nanoTime() - buildStarted) / 1e9;
        while (JSON.readTree(send("GET", sinkPath, adminToken(base), null, 200)).path("unsealed").asLong() > 0) {
            Thread.sleep(200);
        }
        long requestsBefore = REQUESTS.get();
        long resumed = System.nanoTime();
        send("POST", sinkPath + "/resume", adminToken(base), "", 200);
        awaitArrivals(phaseStart, backlog, Duration.ofMinutes(5));
        double drainSeconds = (System.nanoTime() - resumed) / 1e9;
        System.out.printf("throughput: backlog=%d built_in_s=%.1f (%.0f logins/s) drained_in_s=%.2f "
                        + "events_per_s=%.0f webhook_requests=%d%n", backlog, buildSeconds, backlog / buildSeconds,
                drainSeconds, backlog / drainSeconds, REQUESTS.get() - requestsBefore);
        String verifyUrl = base + "/admin/realms/" + ON + "/trustpack/audit/verify";
        JsonNode verified = JSON.readTree(send("GET", verifyUrl, adminToken(base), null, 200));
        System.out.printf("chain after the run: status=%s records=%d%n", verified.path("status").asText(),
                verified.path("checked").asLong());
        System.out.flush();
    }

    private static void awaitArrivals(long sinceMillis, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long arrived = ARRIVALS.values().stream().filter(v -> v[0] >= sinceMillis).count();
            if (arrived >= expected) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("only part of " + expected + " records arrived within " + timeout);
    }

    private static HttpServer receiver(int port) throws IOException {
        return BenchHttp.webhookReceiver(port, (events, arrival) -> {
            for (JsonNode event : events) {
                if (event.path("type").asText().endsWith("user.login")) {
                    long time = Instant.parse(event.path("data").path("time").asText()).toEpochMilli();
                    ARRIVALS.putIfAbsent(event.path("id").asText(), new long[] {time, arrival});
                }
            }
            REQUESTS.incrementAndGet();
        });
    }

    private static int login(String base, String realm, String username) throws Exception {
        String body = "grant_type=password&client_id=" + CLIENT + "&client_secret=" + SECRET + "&username=" + username
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
