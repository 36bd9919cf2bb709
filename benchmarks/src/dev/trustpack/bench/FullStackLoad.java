package dev.trustpack.bench;

import static dev.trustpack.bench.BenchHttp.HTTP;
import static dev.trustpack.bench.BenchHttp.adminToken;
import static dev.trustpack.bench.BenchHttp.percentile;
import static dev.trustpack.bench.BenchHttp.send;
import static dev.trustpack.bench.BenchRealm.CLIENT;
import static dev.trustpack.bench.BenchRealm.PASSWORD;
import static dev.trustpack.bench.BenchRealm.SECRET;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Load for benchmarks/run-fullstack.sh: the whole kit against vanilla Keycloak, two servers from the same distribution
 * running side by side, loaded one at a time.
 * <ul>
 *   <li>Trustpack's realm is the demo realm (realm-config/), as shipped: its flows (tenant, sessions, Google and MFA
 *       steps), client policies (MFA token guard, session guard), mappers, brute-force detection, events, the audit
 *       listener, Argon2id m=19456 t=2 p=1 — plus a webhook sink delivering to a receiver in this process, a tenant
 *       {@code bench} (role Viewer, a session policy of 30 minutes idle and 10 hours) with every bench user in it,
 *       and the client {@value BenchRealm#CLIENT} with the demo backend's mappers.</li>
 *   <li>Vanilla's realm has the demo's realm settings (brute force, events, timeouts, password rules) with Keycloak's
 *       own flows and Keycloak's argon2 at the same parameters (set by the script), the same tenant as an
 *       organization, the same users and the same client without Trustpack's mappers.</li>
 * </ul>
 * Each login kind (password grant; browser login with PKCE; refresh grant) is measured in phases vanilla, Trustpack,
 * Trustpack, vanilla (repeated {@code cycles} times) so that neither server meets only the early or only the late
 * moments of the run. Each phase: every worker loops for {@code warmup + seconds}; requests started after the warm-up
 * count. The burst: {@code clients} clients at once, each signing in as its own user in a loop for {@code seconds},
 * counting answers by status, client time-outs and connection errors.
 * <p>Arguments: {@code measure demo-realm.json vanilla-base trustpack-base workers warmup seconds cycles users
 * jit-warmup-seconds receiver-port}, then {@code burst variant base clients seconds receiver-port} per server. Prints one line per figure.
 */
public final class FullStackLoad {

    static final String REALM = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong DELIVERED = new AtomicLong();
    private static final Duration BURST_TIMEOUT = Duration.ofSeconds(30);

    private enum Kind { PASSWORD_GRANT, BROWSER_LOGIN, REFRESH }

    public static void main(String[] args) throws Exception {
        HttpServer receiver = receiver(Integer.parseInt(args[args.length - 1]));
        try {
            switch (args[0]) {
                case "measure" -> measureAll(JSON.readTree(Files.readString(Path.of(args[1]))), args[2], args[3],
                        Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                        Integer.parseInt(args[7]), Integer.parseInt(args[8]), Integer.parseInt(args[9]),
                        Integer.parseInt(args[10]));
                case "burst" -> burst(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                default -> throw new IllegalArgumentException("measure|burst");
            }
            System.out.printf("webhook records_received=%d%n", DELIVERED.get());
        } finally {
            receiver.stop(0);
        }
    }

    private static void measureAll(JsonNode demo, String vanilla, String trustpack, int workers, int warmup,
            int seconds, int cycles, int users, int jitWarmup, int receiverPort) throws Exception {
        send("POST", vanilla + "/admin/realms", adminToken(vanilla), JSON.writeValueAsString(vanillaRealm(demo, users)),
                201);
        send("POST", trustpack + "/admin/realms", adminToken(trustpack),
                JSON.writeValueAsString(trustpackRealm(demo, users)), 201);
        BenchHttp.addWebhookSink(trustpack, REALM, receiverPort);
        checkTokens(vanilla, trustpack);
        // A fresh server's JIT compiler keeps a core busy for minutes; Trustpack's server has more code to compile.
        // Every kind runs on both servers first, unmeasured, so the phases compare compiled code.
        for (String base : List.of(vanilla, trustpack)) {
            for (Kind kind : Kind.values()) {
                String[] tokens = new String[workers];
                if (kind == Kind.REFRESH) {
                    for (int w = 0; w < workers; w++) {
                        tokens[w] = BenchLogins.refreshToken(BenchLogins.passwordGrant(base, REALM, "user" + w));
                    }
                }
                phase(kind, base, tokens, workers, 0, jitWarmup, new ArrayList<>(), new long[1]);
            }
        }
        for (Kind kind : Kind.values()) {
            measure(kind, vanilla, trustpack, workers, warmup, seconds, cycles);
        }
    }

    /** The parts that make the kits differ must show in the tokens, or the comparison compares nothing. */
    private static void checkTokens(String vanilla, String trustpack) throws Exception {
        String ours = accessTokenPayload(BenchLogins.passwordGrant(trustpack, REALM, "user0"));
        String theirs = accessTokenPayload(BenchLogins.passwordGrant(vanilla, REALM, "user0"));
        for (String claim : List.of("\"tenant\"", "\"session_limits\"", "\"amr\"")) {
            if (!ours.contains(claim) || theirs.contains(claim)) {
                throw new IllegalStateException("claim " + claim + " should be in Trustpack's token only");
            }
        }
    }

    private static String accessTokenPayload(String tokenResponse) throws IOException {
        String token = JSON.readTree(tokenResponse).path("access_token").asText();
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static void measure(Kind kind, String vanilla, String trustpack, int workers, int warmup, int seconds,
            int cycles) throws Exception {
        Map<String, List<Long>> latencies = Map.of("vanilla", new ArrayList<>(), "trustpack", new ArrayList<>());
        Map<String, long[]> errors = Map.of("vanilla", new long[1], "trustpack", new long[1]);
        Map<String, String[]> refreshTokens = Map.of("vanilla", new String[workers], "trustpack", new String[workers]);
        for (int cycle = 0; cycle < cycles; cycle++) {
            for (String variant : List.of("vanilla", "trustpack", "trustpack", "vanilla")) {
                String base = variant.equals("vanilla") ? vanilla : trustpack;
                String[] tokens = refreshTokens.get(variant);
                if (kind == Kind.REFRESH && tokens[0] == null) {
                    for (int w = 0; w < workers; w++) {
                        tokens[w] = BenchLogins.refreshToken(BenchLogins.passwordGrant(base, REALM, "user" + w));
                    }
                }
                phase(kind, base, tokens, workers, warmup, seconds, latencies.get(variant), errors.get(variant));
            }
        }
        double measured = (double) seconds * 2 * cycles;
        for (String variant : List.of("vanilla", "trustpack")) {
            List<Long> sorted = latencies.get(variant);
            Collections.sort(sorted);
            System.out.printf("%s %s: requests=%d errors=%d per_s=%.2f p50_ms=%.2f p99_ms=%.2f%n",
                    kind.name().toLowerCase(), variant, sorted.size(), errors.get(variant)[0], sorted.size() / measured,
                    percentile(sorted, 0.5), percentile(sorted, 0.99));
        }
        System.out.flush();
    }

    private static void phase(Kind kind, String base, String[] refreshTokens, int workers, int warmup, int seconds,
            List<Long> latencies, long[] errors) throws Exception {
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<long[]>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            results.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                long failed = 0;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    boolean ok = true;
                    try {
                        switch (kind) {
                            case PASSWORD_GRANT -> BenchLogins.passwordGrant(base, REALM, "user" + worker);
                            case BROWSER_LOGIN -> BenchLogins.browserLogin(base, REALM, "user" + worker);
                            case REFRESH -> refreshTokens[worker] = BenchLogins.refreshToken(
                                    BenchLogins.refresh(base, REALM, refreshTokens[worker]));
                        }
                    } catch (IllegalStateException e) {
                        ok = false;
                    }
                    if (started >= warmupEnd) {
                        if (ok) {
                            mine.add(System.nanoTime() - started);
                        } else {
                            failed++;
                        }
                    }
                }
                long[] out = new long[mine.size() + 1];
                out[0] = failed;
                for (int i = 0; i < mine.size(); i++) {
                    out[i + 1] = mine.get(i);
                }
                return out;
            }));
        }
        for (Future<long[]> result : results) {
            long[] values = result.get();
            errors[0] += values[0];
            for (int i = 1; i < values.length; i++) {
                latencies.add(values[i]);
            }
        }
        pool.shutdown();
    }

    /** {@code clients} concurrent sign-ins in a loop; answers by status, time-outs and connection errors counted. */
    private static void burst(String variant, String base, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<Long> ok = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String form = "grant_type=password&client_id=" + CLIENT + "&client_secret=" + SECRET + "&username=user" + c
                    + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&scope=openid";
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                                        BenchLogins.tokenRequest(base, REALM, form), (name, value) -> true)
                                        .timeout(BURST_TIMEOUT).build(),
                                HttpResponse.BodyHandlers.discarding());
                        outcome = "status_" + response.statusCode();
                        if (response.statusCode() == 200) {
                            ok.add(System.nanoTime() - started);
                        }
                    } catch (HttpTimeoutException e) {
                        outcome = "client_timeout";
                    } catch (IOException e) {
                        outcome = "connection_error";
                    }
                    outcomes.computeIfAbsent(outcome, key -> new AtomicLong()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> done : running) {
            done.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(ok);
        Collections.sort(sorted);
        StringBuilder line = new StringBuilder();
        new TreeMap<>(outcomes).forEach((outcome, count) -> line.append(' ').append(outcome).append('=').append(count));
        System.out.printf("burst %s: clients=%d seconds=%d%s ok_p50_ms=%.1f ok_p99_ms=%.1f%n", variant, clients, seconds,
                line, percentile(sorted, 0.5), percentile(sorted, 0.99));
        System.out.flush();
    }

    /** The demo realm as shipped, with the bench tenant, users and client. */
    private static ObjectNode trustpackRealm(JsonNode demo, int users) throws IOException {
        ObjectNode realm = demoRealm(demo, REALM);
        realm.set("users", JSON.readTree(BenchRealm.users(users)));
        ((ArrayNode) realm.get("organizations")).add(benchTenant(users, true));
        return realm;
    }

    /**
     * The demo realm as shipped (flows, client policies, listeners, settings, its tenants without members) under
     * another name, with fresh client secrets, no users, and the client {@value BenchRealm#CLIENT} carrying the demo
     * backend's mappers.
     */
    static ObjectNode demoRealm(JsonNode demo, String name) {
        ObjectNode realm = demo.deepCopy();
        realm.put("realm", name);
        realm.set("users", JSON.createArrayNode());
        ArrayNode organizations = JSON.createArrayNode();
        for (JsonNode tenant : realm.path("organizations")) {
            ObjectNode copy = ((ObjectNode) tenant.deepCopy()).set("members", JSON.createArrayNode());
            // Tenant groups carry fixed ids in the demo; without them realms made from it can sit side by side.
            copy.path("groups").forEach(FullStackLoad::dropIds);
            organizations.add(copy);
        }
        realm.set("organizations", organizations);
        ArrayNode clients = JSON.createArrayNode();
        JsonNode mappers = JSON.createArrayNode();
        for (JsonNode client : realm.path("clients")) {
            ObjectNode copy = client.deepCopy();
            if (copy.has("secret")) {
                copy.put("secret", UUID.randomUUID().toString());
            }
            if (copy.path("clientId").asText().equals("trustpack-backend")) {
                mappers = copy.path("protocolMappers");
            }
            clients.add(copy);
        }
        clients.add(benchClient(mappers));
        realm.set("clients", clients);
        return realm;
    }

    private static void dropIds(JsonNode group) {
        ((ObjectNode) group).remove("id");
        group.path("subGroups").forEach(FullStackLoad::dropIds);
    }

    /** The demo realm's settings, none of Trustpack's parts, Keycloak's argon2. */
    private static ObjectNode vanillaRealm(JsonNode demo, int users) throws IOException {
        ObjectNode realm = JSON.createObjectNode();
        realm.put("realm", REALM);
        for (String setting : List.of("enabled", "sslRequired", "internationalizationEnabled", "supportedLocales",
                "defaultLocale", "organizationsEnabled", "registrationAllowed", "loginWithEmailAllowed",
                "duplicateEmailsAllowed", "resetPasswordAllowed", "editUsernameAllowed", "bruteForceProtected",
                "permanentLockout", "failureFactor", "waitIncrementSeconds", "maxFailureWaitSeconds", "maxDeltaTimeSeconds",
                "quickLoginCheckMilliSeconds", "minimumQuickLoginWaitSeconds", "eventsEnabled", "eventsExpiration",
                "adminEventsEnabled", "adminEventsDetailsEnabled", "accessTokenLifespan", "ssoSessionIdleTimeout",
                "ssoSessionMaxLifespan", "otpPolicyCodeReusable")) {
            if (demo.has(setting)) {
                realm.set(setting, demo.get(setting));
            }
        }
        realm.set("eventsListeners", JSON.createArrayNode().add("jboss-logging"));
        realm.put("passwordPolicy", demo.path("passwordPolicy").asText()
                .replaceAll(" and trustpackArgon2\\w+\\(\\d+\\)", "")
                .replace("hashAlgorithm(trustpack-argon2id)", "hashAlgorithm(argon2)"));
        realm.set("users", JSON.readTree(BenchRealm.users(users)));
        realm.set("organizations", JSON.createArrayNode().add(benchTenant(users, false)));
        realm.set("clients", JSON.createArrayNode().add(benchClient(JSON.createArrayNode())));
        return realm;
    }

    /** Tenant {@code bench}: every user a Viewer; on Trustpack's side a session policy of 30 min idle, 10 h. */
    private static JsonNode benchTenant(int users, boolean sessionPolicy) throws IOException {
        String viewer = UUID.randomUUID().toString();
        ArrayNode members = JSON.createArrayNode();
        for (int i = 0; i < users; i++) {
            members.addObject().put("username", "user" + i).put("membershipType", "UNMANAGED")
                    .set("groups", JSON.createArrayNode().add(viewer));
        }
        ObjectNode tenant = JSON.createObjectNode().put("name", "Bench Tenant").put("alias", "bench").put("enabled", true);
        tenant.set("domains", JSON.readTree("[{\"name\":\"t1.example\",\"verified\":true}]"));
        tenant.set("members", members);
        tenant.set("groups", JSON.readTree("[{\"id\":\"" + viewer + "\",\"name\":\"Viewer\",\"attributes\":"
                + "{\"trustpack.tenant-role\":[\"Viewer\"]}}]"));
        if (sessionPolicy) {
            tenant.set("attributes", JSON.readTree("{\"trustpack.policy.sessions.idleMinutes\":[\"30\"],"
                    + "\"trustpack.policy.sessions.maxHours\":[\"10\"]}"));
        }
        return tenant;
    }

    private static JsonNode benchClient(JsonNode mappers) {
        ObjectNode client = (ObjectNode) readTree("{\"clientId\":\"" + CLIENT + "\",\"secret\":\"" + SECRET
                + "\",\"publicClient\":false,\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":true,"
                + "\"redirectUris\":[\"" + BenchLogins.REDIRECT + "\"],\"attributes\":{\"pkce.code.challenge.method\":"
                + "\"S256\"}}");
        client.set("protocolMappers", mappers);
        return client;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The webhook sink's receiver: accepts every batch, counts its records. */
    private static HttpServer receiver(int port) throws IOException {
        return BenchHttp.webhookReceiver(port, (events, arrival) -> DELIVERED.addAndGet(events.size()));
    }
}
