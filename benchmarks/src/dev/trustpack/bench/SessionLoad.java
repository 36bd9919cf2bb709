package dev.trustpack.bench;

import static dev.trustpack.bench.BenchHttp.adminToken;
import static dev.trustpack.bench.BenchHttp.percentile;
import static dev.trustpack.bench.BenchHttp.send;
import static dev.trustpack.bench.BenchRealm.CLIENT;
import static dev.trustpack.bench.BenchRealm.PASSWORD;
import static dev.trustpack.bench.BenchRealm.SECRET;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for benchmarks/run-sessions.sh: refresh-token grants per second with the session module on vs off, in one
 * Keycloak + Trustpack. Two realms identical but for the session parts ({@code bench-sessions-on}: the session step
 * in the direct-grant flow, the session guard on every refresh, the token-expiry mapper, a realm floor of 3 idle
 * minutes (refreshed continuously, never reached; it makes the parts visible: the on realm's access tokens live 3
 * minutes instead of Keycloak's 5, which the load checks before measuring) and 12 hours; {@code bench-sessions-off}: none of them), both with the tenant step and one tenant. Each
 * worker signs in once per realm, then refreshes (with the refresh token it got last) alternating realms request by
 * request — the same load, in one run. Prints per realm the grants/s the workers would reach on that realm alone
 * (workers / mean latency), p50/p99, and the ratio on / off.
 */
public final class SessionLoad {

    private static final String ON = "bench-sessions-on";
    private static final String OFF = "bench-sessions-off";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int workers = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String admin = adminToken(base);
        for (String realm : List.of(ON, OFF)) {
            send("POST", base + "/admin/realms", admin, realm(realm, realm.equals(ON), workers), 201);
        }
        String[][] tokens = new String[2][workers];
        for (int w = 0; w < workers; w++) {
            tokens[0][w] = signIn(base, ON, "user" + w, 180);
            tokens[1][w] = signIn(base, OFF, "user" + w, 300);
        }
        List<List<Long>> measured = run(base, tokens, warmup, seconds);
        List<Long> on = measured.get(0);
        List<Long> off = measured.get(1);
        Collections.sort(on);
        Collections.sort(off);
        double onRate = workers / mean(on);
        double offRate = workers / mean(off);
        System.out.printf("refresh sessions_on: grants=%d grants_per_s=%.1f p50_ms=%.2f p99_ms=%.2f%n", on.size(),
                onRate, percentile(on, 0.5), percentile(on, 0.99));
        System.out.printf("refresh sessions_off: grants=%d grants_per_s=%.1f p50_ms=%.2f p99_ms=%.2f%n", off.size(),
                offRate, percentile(off, 0.5), percentile(off, 0.99));
        System.out.printf("refresh ratio_on_off=%.3f (goal >= 0.95)%n", onRate / offRate);
        System.out.flush();
    }

    /** Mean latency in seconds. */
    private static double mean(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e9;
    }

    /**
     * Every worker refreshes its own two sessions, one per realm, alternating request by request, so both realms meet
     * the same moments of the run (garbage collection, database checkpoints). Returns the measured latencies (after the
     * warm-up) of the on and the off realm, in nanoseconds.
     */
    private static List<List<Long>> run(String base, String[][] refreshTokens, int warmupSeconds, int seconds)
            throws Exception {
        int workers = refreshTokens[0].length;
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<List<Long>>>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            results.add(pool.submit(() -> {
                List<List<Long>> byRealm = List.of(new ArrayList<>(), new ArrayList<>());
                int turn = worker % 2;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    refreshTokens[turn][worker] = refresh(base, turn == 0 ? ON : OFF, refreshTokens[turn][worker]);
                    if (started >= warmupEnd) {
                        byRealm.get(turn).add(System.nanoTime() - started);
                    }
                    turn = 1 - turn;
                }
                return byRealm;
            }));
        }
        List<List<Long>> all = List.of(new ArrayList<>(), new ArrayList<>());
        for (Future<List<List<Long>>> result : results) {
            all.get(0).addAll(result.get().get(0));
            all.get(1).addAll(result.get().get(1));
        }
        pool.shutdown();
        return all;
    }

    /** Signs in; fails unless the access token lives {@code lifetime} seconds (proof the realm's parts are on). */
    private static String signIn(String base, String realm, String username, long lifetime) throws Exception {
        String body = "grant_type=password&client_id=" + CLIENT + "&client_secret=" + SECRET + "&username=" + username
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&scope=openid";
        HttpResponse<String> response = post(base, realm, body);
        Matcher access = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !access.find()) {
            throw new IllegalStateException(realm + " sign-in answered " + response.statusCode());
        }
        String payload = new String(Base64.getUrlDecoder().decode(access.group(1).split("\\.")[1]),
                StandardCharsets.UTF_8);
        long exp = claim(payload, "exp");
        long iat = claim(payload, "iat");
        // The mapper reads the clock a moment after iat was set: a second either way.
        if (Math.abs(exp - iat - lifetime) > 1) {
            throw new IllegalStateException(realm + ": access token lives " + (exp - iat) + " s, expected " + lifetime
                    + " (are the session parts " + (realm.equals(ON) ? "on" : "off") + "?)");
        }
        Matcher refresh = REFRESH_TOKEN.matcher(response.body());
        refresh.find();
        return refresh.group(1);
    }

    private static long claim(String payload, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":(\\d+)").matcher(payload);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in the access token");
        }
        return Long.parseLong(value.group(1));
    }

    private static String refresh(String base, String realm, String refreshToken) throws Exception {
        return grant(base, realm, "grant_type=refresh_token&client_id=" + CLIENT + "&client_secret=" + SECRET
                + "&refresh_token=" + refreshToken);
    }

    /** A token request that must succeed; the refresh token it returns. */
    private static String grant(String base, String realm, String body) throws Exception {
        HttpResponse<String> response = post(base, realm, body);
        Matcher token = REFRESH_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException(realm + " token endpoint answered " + response.statusCode());
        }
        return token.group(1);
    }

    private static HttpResponse<String> post(String base, String realm, String body) throws Exception {
        return BenchHttp.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The realm, as one import: direct-grant flow, client, users, one tenant with every user in it. */
    private static String realm(String name, boolean sessions, int users) {
        String step = sessions ? ",{\"authenticator\":\"trustpack-sessions\",\"requirement\":\"REQUIRED\",\"priority\":40}" : "";
        String mapper = sessions ? ",{\"name\":\"session expiry\",\"protocol\":\"openid-connect\",\"protocolMapper\":"
                + "\"trustpack-sessions-expiry\",\"config\":{\"access.token.claim\":\"true\",\"id.token.claim\":\"true\"}}" : "";
        String policies = sessions ? ",\"clientProfiles\":{\"profiles\":[{\"name\":\"sessions\",\"executors\":[{\"executor\":"
                + "\"trustpack-sessions-guard\",\"configuration\":{}}]}]},\"clientPolicies\":{\"policies\":[{\"name\":"
                + "\"sessions\",\"enabled\":true,\"conditions\":[{\"condition\":\"any-client\",\"configuration\":{}}],"
                + "\"profiles\":[\"sessions\"]}]}" : "";
        String floor = sessions ? ",\"attributes\":{\"trustpack.policy.sessions.idleMinutes\":\"3\","
                + "\"trustpack.policy.sessions.maxHours\":\"12\"}" : "";
        return "{\"realm\":\"" + name + "\",\"enabled\":true,\"organizationsEnabled\":true,\"bruteForceProtected\":false,"
                + "\"eventsEnabled\":false,\"passwordPolicy\":\"" + BenchRealm.HASH_POLICY + "\","
                + "\"directGrantFlow\":\"bench direct grant\","
                + "\"authenticationFlows\":[{\"alias\":\"bench direct grant\",\"providerId\":\"basic-flow\","
                + "\"topLevel\":true,\"builtIn\":false,\"authenticationExecutions\":[{\"authenticator\":"
                + "\"direct-grant-validate-username\",\"requirement\":\"REQUIRED\",\"priority\":10},{\"authenticator\":"
                + "\"direct-grant-validate-password\",\"requirement\":\"REQUIRED\",\"priority\":20},{\"authenticator\":"
                + "\"trustpack-tenant-direct-grant\",\"requirement\":\"REQUIRED\",\"priority\":30}" + step + "]}],"
                + "\"clients\":[{\"clientId\":\"" + CLIENT + "\",\"secret\":\"" + SECRET + "\",\"publicClient\":false,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false,\"protocolMappers\":["
                + BenchRealm.tenantMapper() + mapper + "]}],"
                + "\"users\":" + BenchRealm.users(users) + ","
                + "\"organizations\":" + BenchRealm.tenant(users) + floor + policies + "}";
    }
}
