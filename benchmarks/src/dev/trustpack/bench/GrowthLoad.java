package dev.trustpack.bench;

import static dev.trustpack.bench.BenchHttp.HTTP;
import static dev.trustpack.bench.BenchHttp.adminToken;
import static dev.trustpack.bench.BenchHttp.percentile;
import static dev.trustpack.bench.BenchHttp.send;
import static dev.trustpack.bench.BenchRealm.CLIENT;
import static dev.trustpack.bench.BenchRealm.PASSWORD;
import static dev.trustpack.bench.BenchRealm.SECRET;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Load for benchmarks/run-growth.sh: how the cost of a login, a token, the tenant picker, the member list, the MFA
 * report and the audit trail grows with the realm. Every realm here is the demo realm as shipped (its flows, client
 * policies, listeners and mappers; {@link FullStackLoad#demoRealm}) with a cheap password hash, so that what grows
 * is not hidden behind Argon2. Subcommands:
 * <ul>
 *   <li>{@code tenants demo.json base samples N...}: per N, a realm {@code growth-N} with N tenants {@code t00001..}
 *       (created through the admin API);
 *       user {@code u1} in one of them, {@code u10} in ten, {@code u50} in fifty (where N allows); per user the
 *       password grant's p50 (scope {@code organization:t00001}) and the access and ID token sizes; for {@code u50}
 *       the picker page (the answer to the password form) and the choice (the answer to the picker), p50 and
 *       size. Each realm is deleted after its figures.</li>
 *   <li>{@code members demo.json base N...}: one realm {@code growth-members} with a tenant {@code mN} of N members
 *       per N (users without credentials, by partial import; tenants and memberships through the admin API).</li>
 *   <li>{@code realm demo.json base name}: an empty demo-shaped realm (for the audit fill).</li>
 *   <li>{@code call base path samples}: GETs an admin path (master admin) {@code samples} times; p50 and body size, the
 *       body read as a stream and counted, never held.</li>
 * </ul>
 */
public final class GrowthLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final int WARMUP_LOGINS = 30;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "tenants" -> {
                JsonNode demo = JSON.readTree(Files.readString(Path.of(args[1])));
                for (int i = 4; i < args.length; i++) {
                    tenants(demo, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[i]));
                }
            }
            case "members" -> {
                JsonNode demo = JSON.readTree(Files.readString(Path.of(args[1])));
                List<Integer> sizes = new ArrayList<>();
                for (int i = 3; i < args.length; i++) {
                    sizes.add(Integer.parseInt(args[i]));
                }
                members(demo, args[2], sizes);
            }
            case "realm" -> importRealm(args[2], realm(JSON.readTree(Files.readString(Path.of(args[1]))), args[3]));
            case "call" -> call(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("tenants|members|realm|call");
        }
    }

    private static ObjectNode realm(JsonNode demo, String name) {
        ObjectNode realm = FullStackLoad.demoRealm(demo, name);
        realm.put("passwordPolicy", BenchRealm.HASH_POLICY);
        realm.put("bruteForceProtected", false);
        return realm;
    }

    private static void tenants(JsonNode demo, String base, int samples, int count) throws Exception {
        String name = "growth-" + count;
        ObjectNode realm = realm(demo, name);
        Map<String, Integer> users = new LinkedHashMap<>();
        for (int memberships : List.of(1, 10, 50)) {
            if (memberships <= count) {
                users.put("u" + memberships, memberships);
            }
        }
        ArrayNode userNodes = realm.putArray("users");
        users.keySet().forEach(user -> userNodes.addObject().put("username", user).put("enabled", true)
                .put("email", user + "@growth.example").put("emailVerified", true).put("firstName", "Growth")
                .put("lastName", "User").putArray("credentials").addObject().put("type", "password")
                .put("value", PASSWORD).put("temporary", false));
        long started = System.nanoTime();
        importRealm(base, realm);
        double importSeconds = (System.nanoTime() - started) / 1e9;
        // Tenants and memberships through the admin API, as an operator's provisioning adds them: a realm import with
        // thousands of organizations runs past Keycloak's import transaction.
        Admin admin = new Admin(base);
        started = System.nanoTime();
        List<String> aliases = new ArrayList<>();
        for (int t = 1; t <= count; t++) {
            aliases.add(String.format("t%05d", t));
        }
        Map<String, String> tenantIds = createTenants(admin, name, aliases);
        Map<String, String> userIds = userIds(admin, name, users.keySet());
        List<String[]> memberships = new ArrayList<>();
        users.forEach((user, tenantCount) -> {
            for (int t = 0; t < tenantCount; t++) {
                memberships.add(new String[] {tenantIds.get(aliases.get(t)), userIds.get(user)});
            }
        });
        addMembers(admin, name, memberships);
        System.out.printf("tenants=%d import_s=%.1f create_tenants_s=%.1f%s%n", count, importSeconds,
                (System.nanoTime() - started) / 1e9, analyze());
        for (String user : users.keySet()) {
            String scope = URLEncoder.encode("openid organization:t00001", StandardCharsets.UTF_8);
            List<Long> latencies = new ArrayList<>();
            String body = null;
            for (int i = 0; i < WARMUP_LOGINS + samples; i++) {
                long begin = System.nanoTime();
                body = BenchLogins.token(base, name, "grant_type=password&client_id=" + CLIENT + "&client_secret="
                        + SECRET + "&username=" + user + "&password=" + URLEncoder.encode(PASSWORD,
                        StandardCharsets.UTF_8) + "&scope=" + scope);
                if (i >= WARMUP_LOGINS) {
                    latencies.add(System.nanoTime() - begin);
                }
            }
            Collections.sort(latencies);
            JsonNode tokens = JSON.readTree(body);
            System.out.printf("tenants=%d user=%s memberships=%d login_p50_ms=%.2f login_p99_ms=%.2f "
                            + "access_token_bytes=%d id_token_bytes=%d%n", count, user, users.get(user),
                    percentile(latencies, 0.5), percentile(latencies, 0.99), tokens.path("access_token").asText().length(),
                    tokens.path("id_token").asText().length());
        }
        if (users.containsKey("u50")) {
            picker(base, name, samples);
        }
        send("DELETE", base + "/admin/realms/" + name, adminToken(base), null, 204);
        System.out.flush();
    }

    /** u50's browser login: the answer to the password form is the picker; the answer to the picker, the code. */
    private static void picker(String base, String realm, int samples) throws Exception {
        List<Long> pickerTimes = new ArrayList<>();
        List<Long> choiceTimes = new ArrayList<>();
        int pickerBytes = 0;
        for (int i = 0; i < WARMUP_LOGINS + samples; i++) {
            Map<String, String> cookies = new LinkedHashMap<>();
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm
                    + "/protocol/openid-connect/auth?response_type=code&client_id=" + CLIENT + "&scope=openid"
                    + "&redirect_uri=" + URLEncoder.encode(BenchLogins.REDIRECT, StandardCharsets.UTF_8) + "&state=s"
                    + "&code_challenge=" + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            page = post(page, cookies, "username=u50");
            long begin = System.nanoTime();
            page = post(page, cookies, "password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
            long picked = System.nanoTime();
            if (!page.body().contains("trustpack-select-tenant-form") || !page.body().contains("tenant-t00050")) {
                throw new IllegalStateException("no picker with 50 tenants after the password");
            }
            HttpResponse<String> chosen = post(page, cookies, "tenant=t00050");
            long done = System.nanoTime();
            if (chosen.statusCode() != 302 || !chosen.headers().firstValue("Location").orElse("").contains("code=")) {
                throw new IllegalStateException("the picker answered " + chosen.statusCode());
            }
            if (i >= WARMUP_LOGINS) {
                pickerTimes.add(picked - begin);
                choiceTimes.add(done - picked);
                pickerBytes = page.body().length();
            }
        }
        Collections.sort(pickerTimes);
        Collections.sort(choiceTimes);
        System.out.printf("picker tenants_of_user=50 picker_p50_ms=%.2f picker_bytes=%d choice_p50_ms=%.2f%n",
                percentile(pickerTimes, 0.5), pickerBytes, percentile(choiceTimes, 0.5));
    }

    private static HttpResponse<String> post(HttpResponse<String> page, Map<String, String> cookies, String form)
            throws Exception {
        for (String cookie : page.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            cookies.put(pair.split("=", 2)[0], pair);
        }
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no form on the page (" + page.statusCode() + ")");
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", String.join("; ", cookies.values()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void members(JsonNode demo, String base, List<Integer> sizes) throws Exception {
        String name = "growth-members";
        long started = System.nanoTime();
        importRealm(base, realm(demo, name));
        Admin admin = new Admin(base);
        int userCount = Collections.max(sizes);
        List<ObjectNode> users = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            users.add(JSON.createObjectNode().put("username", String.format("m%05d", u)).put("enabled", true)
                    .put("email", String.format("m%05d@members.example", u)).put("emailVerified", true)
                    .put("firstName", "Member").put("lastName", "User"));
        }
        List<String> userIds = new ArrayList<>(importUsers(admin, name, users).values());
        for (int size : sizes) {
            String tenantId = createTenants(admin, name, List.of("m" + size)).get("m" + size);
            List<String[]> memberships = new ArrayList<>();
            for (int u = 0; u < size; u++) {
                memberships.add(new String[] {tenantId, userIds.get(u)});
            }
            addMembers(admin, name, memberships);
        }
        System.out.printf("members realm=%s users=%d setup_s=%.1f%s%n", name, userCount,
                (System.nanoTime() - started) / 1e9, analyze());
    }

    /**
     * ANALYZE after a bulk setup, as PostgreSQL's autovacuum would soon do in production: a database with autovacuum
     * off (this machine's) keeps planning for the empty tables it started with. GROWTH_DB_URL names the database.
     */
    private static String analyze() throws Exception {
        String url = System.getenv("GROWTH_DB_URL");
        if (url == null || url.isEmpty()) {
            return " analyzed=no";
        }
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
             Statement analyze = db.createStatement()) {
            analyze.execute("ANALYZE");
        }
        return String.format(" analyze_s=%.1f", (System.nanoTime() - started) / 1e9);
    }

    /** The master admin's token, fetched again before it expires (60 s): the bulk setup runs for minutes. */
    private static final class Admin {
        private final String base;
        private String token;
        private long fetchedAt;

        Admin(String base) {
            this.base = base;
        }

        synchronized String token() throws Exception {
            if (token == null || System.nanoTime() - fetchedAt > TimeUnit.SECONDS.toNanos(30)) {
                token = adminToken(base);
                fetchedAt = System.nanoTime();
            }
            return token;
        }

        String realmUrl(String realm) {
            return base + "/admin/realms/" + realm;
        }
    }

    /** Users through Keycloak's partial import, 500 per request, in order; username to id. */
    private static Map<String, String> importUsers(Admin admin, String realm, List<ObjectNode> users) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int from = 0; from < users.size(); from += 500) {
            ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "FAIL");
            body.putArray("users").addAll(users.subList(from, Math.min(users.size(), from + 500)));
            JsonNode results = JSON.readTree(send("POST", admin.realmUrl(realm) + "/partialImport", admin.token(),
                    JSON.writeValueAsString(body), 200)).path("results");
            Map<String, String> chunk = new LinkedHashMap<>();
            results.forEach(result -> chunk.put(result.path("resourceName").asText(), result.path("id").asText()));
            for (JsonNode user : body.path("users")) {
                String username = user.path("username").asText();
                ids.put(username, Objects.requireNonNull(chunk.get(username), "no id for " + username));
            }
        }
        return ids;
    }

    private static Map<String, String> userIds(Admin admin, String realm, Collection<String> usernames)
            throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String username : usernames) {
            JsonNode found = JSON.readTree(send("GET", admin.realmUrl(realm) + "/users?exact=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8), admin.token(), null, 200));
            ids.put(username, found.path(0).path("id").asText());
        }
        return ids;
    }

    /** Tenants (enabled, one verified domain each) through the admin API, four at a time; alias to id. */
    private static Map<String, String> createTenants(Admin admin, String realm, List<String> aliases)
            throws Exception {
        Map<String, String> ids = new ConcurrentHashMap<>();
        parallel(aliases, alias -> {
            ObjectNode tenant = JSON.createObjectNode().put("name", "Tenant " + alias).put("alias", alias)
                    .put("enabled", true);
            tenant.putArray("domains").addObject().put("name", alias + ".example").put("verified", true);
            HttpResponse<String> created = BenchHttp.request("POST", admin.realmUrl(realm) + "/organizations",
                    admin.token(), JSON.writeValueAsString(tenant));
            String location = created.headers().firstValue("Location").orElse("");
            if (created.statusCode() != 201 || location.isEmpty()) {
                throw new IllegalStateException("creating tenant " + alias + " answered " + created.statusCode()
                        + ": " + created.body());
            }
            ids.put(alias, location.substring(location.lastIndexOf('/') + 1));
        });
        return ids;
    }

    /** Memberships ({tenant id, user id}) through the admin API, four at a time. */
    private static void addMembers(Admin admin, String realm, List<String[]> memberships) throws Exception {
        parallel(memberships, membership -> send("POST", admin.realmUrl(realm) + "/organizations/" + membership[0]
                + "/members", admin.token(), JSON.writeValueAsString(membership[1]), 201));
    }

    @FunctionalInterface
    private interface Call<T> {
        void call(T item) throws Exception;
    }

    /** Runs the calls on four clients, the server's two cores kept busy; the first failure stops the run. */
    private static <T> void parallel(List<T> items, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (T item : items) {
                calls.add(pool.submit(() -> {
                    call.call(item);
                    return null;
                }));
            }
            for (Future<?> done : calls) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void importRealm(String base, ObjectNode realm) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms"))
                .header("Authorization", "Bearer " + adminToken(base)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(realm))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("import of " + realm.path("realm").asText() + " answered "
                    + created.statusCode() + ": " + created.body());
        }
    }

    private static void call(String base, String path, int samples) throws Exception {
        List<Long> times = new ArrayList<>();
        long bytes = 0;
        int status = 0;
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            String token = adminToken(base);
            long begin = System.nanoTime();
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            bytes = 0;
            head.setLength(0);
            byte[] buffer = new byte[65536];
            try (InputStream in = response.body()) {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    if (bytes < 300) {
                        head.append(new String(buffer, 0, (int) Math.min(read, 300 - bytes), StandardCharsets.UTF_8));
                    }
                    bytes += read;
                }
            }
            times.add(System.nanoTime() - begin);
            status = response.statusCode();
        }
        Collections.sort(times);
        // A short answer (a verification's verdict) is shown; a long one only counted.
        System.out.printf("call %s status=%d samples=%d p50_ms=%.1f max_ms=%.1f bytes=%d%s%n", path, status, samples,
                percentile(times, 0.5), times.get(times.size() - 1) / 1e6, bytes,
                bytes < 300 || status != 200 ? " body=" + head.toString().replaceAll("\\s+", " ") : "");
    }
}
