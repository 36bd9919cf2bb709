package dev.trustpack.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real OpenID Connect server on loopback standing in for Google: authorization code flow with the paths Google
 * uses ({@code /o/oauth2/v2/auth}, {@code /token}, {@code /v1/userinfo}, {@code /oauth2/v3/certs}), RS256 ID tokens
 * from a key its JWKS publishes. Tests queue the next login with {@link #nextLogin(StandInLogin)}; with nothing
 * queued, the authorization endpoint shows a small form where a person types who they are (the demo in
 * docs/google.md). Never for production: anyone can be anyone here.
 */
public final class GoogleStandIn implements AutoCloseable {

    public static final String AUTHORIZATION_PATH = "/o/oauth2/v2/auth";
    public static final String TOKEN_PATH = "/token";
    public static final String USERINFO_PATH = "/v1/userinfo";
    public static final String JWKS_PATH = "/oauth2/v3/certs";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final SigningKey key = new SigningKey();
    private final SigningKey rogueKey = new SigningKey();
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<StandInLogin> queued = new ConcurrentLinkedDeque<>();
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> accessTokens = new ConcurrentHashMap<>();
    private final List<Map<String, String>> authorizationRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> idTokens = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean replayPreviousIdToken;
    private volatile StandInLogin lastLogin;

    private record PendingCode(StandInLogin login, String clientId, String nonce) {
    }

    public GoogleStandIn(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "google-standin");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(AUTHORIZATION_PATH, this::authorize);
        server.createContext(TOKEN_PATH, this::token);
        server.createContext(USERINFO_PATH, this::userinfo);
        server.createContext(JWKS_PATH, exchange -> send(exchange, 200, "application/json",
                Json.write(Map.of("keys", List.of(key.jwk())))));
        server.createContext("/.well-known/openid-configuration", this::discovery);
    }

    public GoogleStandIn start() {
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: Trustpack's {@code endpoint-base-url} option for this stand-in. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public GoogleStandIn registerClient(String clientId, String clientSecret) {
        clients.put(clientId, clientSecret);
        return this;
    }

    /** The next authorization request signs this account in at once (no form). */
    public void nextLogin(StandInLogin login) {
        queued.add(login);
    }

    /** The next token response carries the ID token issued last, instead of a new one (a replay). */
    public void replayPreviousIdTokenOnce() {
        replayPreviousIdToken = true;
    }

    /** Forgets queued logins and recorded requests between tests. */
    public void reset() {
        queued.clear();
        authorizationRequests.clear();
        replayPreviousIdToken = false;
    }

    /** The query parameters of each authorization request received, oldest first. */
    public List<Map<String, String>> authorizationRequests() {
        synchronized (authorizationRequests) {
            return List.copyOf(authorizationRequests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> params = "POST".equals(exchange.getRequestMethod())
                ? form(exchange) : query(exchange.getRequestURI().getRawQuery());
        String clientId = params.getOrDefault("client_id", "");
        String redirectUri = params.get("redirect_uri");
        if (!clients.containsKey(clientId) || redirectUri == null || !"code".equals(params.get("response_type"))) {
            send(exchange, 400, "text/plain", "invalid_request: unknown client_id, no redirect_uri or response_type "
                    + "is not code");
            return;
        }
        StandInLogin login;
        if ("POST".equals(exchange.getRequestMethod())) {
            login = fromForm(params);
        } else {
            authorizationRequests.add(params);
            login = queued.poll();
            if (login == null) {
                send(exchange, 200, "text/html; charset=utf-8", formPage(params));
                return;
            }
        }
        String code = random();
        codes.put(code, new PendingCode(login, clientId, params.get("nonce")));
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + encode(code)
                + (params.get("state") == null ? "" : "&state=" + encode(params.get("state")));
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 302, "text/plain", "");
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> params = form(exchange);
        String clientId = params.get("client_id");
        String secret = params.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        String expected = clientId == null ? null : clients.get(clientId);
        if (expected == null || secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            send(exchange, 401, "application/json", Json.write(Map.of("error", "invalid_client")));
            return;
        }
        PendingCode pending = params.get("code") == null ? null : codes.remove(params.get("code"));
        if (pending == null || !pending.clientId().equals(clientId)) {
            send(exchange, 400, "application/json", Json.write(Map.of("error", "invalid_grant")));
            return;
        }
        String idToken;
        StandInLogin login = pending.login();
        if (replayPreviousIdToken && !idTokens.isEmpty() && lastLogin != null) {
            // The whole earlier answer again, userinfo included: only the nonce can tell it is not this login's.
            replayPreviousIdToken = false;
            idToken = idTokens.get(idTokens.size() - 1);
            login = lastLogin;
        } else {
            idToken = idToken(pending);
            idTokens.add(idToken);
            lastLogin = login;
        }
        String accessToken = random();
        accessTokens.put(accessToken, userinfoClaims(login));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", accessToken);
        response.put("token_type", "Bearer");
        response.put("expires_in", 3599);
        response.put("scope", "openid email profile");
        response.put("id_token", idToken);
        send(exchange, 200, "application/json", Json.write(response));
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Map<String, Object> claims = authorization == null || !authorization.startsWith("Bearer ") ? null
                : accessTokens.get(authorization.substring(7));
        if (claims == null) {
            send(exchange, 401, "application/json", Json.write(Map.of("error", "invalid_token")));
            return;
        }
        send(exchange, 200, "application/json", Json.write(claims));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", StandInLogin.GOOGLE_ISSUER);
        document.put("authorization_endpoint", baseUrl() + AUTHORIZATION_PATH);
        document.put("token_endpoint", baseUrl() + TOKEN_PATH);
        document.put("userinfo_endpoint", baseUrl() + USERINFO_PATH);
        document.put("jwks_uri", baseUrl() + JWKS_PATH);
        document.put("response_types_supported", List.of("code"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        send(exchange, 200, "application/json", Json.write(document));
    }

    private String idToken(PendingCode pending) {
        StandInLogin login = pending.login();
        long now = Instant.now().getEpochSecond();
        long iat = now - login.issuedAgoSeconds();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", login.issuer());
        claims.put("azp", login.azp() == null ? pending.clientId() : login.azp());
        if ("".equals(login.azp())) {
            claims.remove("azp");
        }
        claims.put("aud", login.audience() == null ? pending.clientId()
                : login.audience().size() == 1 ? login.audience().get(0) : login.audience());
        claims.put("sub", login.sub());
        if (login.hd() != null) {
            claims.put("hd", login.hd());
        }
        claims.put("email", login.email());
        if (login.emailVerified() != null) {
            claims.put("email_verified", login.emailVerified());
        }
        String nonce = login.nonce() != null ? login.nonce() : pending.nonce();
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        names(claims, login.name());
        claims.put("iat", iat);
        if (login.lifetimeSeconds() != 0) {
            claims.put("exp", iat + login.lifetimeSeconds());
        }
        return (login.rogueKey() ? rogueKey : key).sign(claims, key.kid());
    }

    private static Map<String, Object> userinfoClaims(StandInLogin login) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", login.sub());
        claims.put("email", login.email());
        if (login.emailVerified() != null) {
            claims.put("email_verified", login.emailVerified());
        }
        if (login.hd() != null) {
            claims.put("hd", login.hd());
        }
        names(claims, login.name());
        return claims;
    }

    /** Google's name claims: the full name, and given and family name when it has two parts. */
    private static void names(Map<String, Object> claims, String name) {
        claims.put("name", name);
        int space = name.indexOf(' ');
        claims.put("given_name", space > 0 ? name.substring(0, space) : name);
        claims.put("family_name", space > 0 ? name.substring(space + 1) : "Example");
    }

    private static StandInLogin fromForm(Map<String, String> form) {
        String email = form.getOrDefault("email", "").strip();
        String hd = form.getOrDefault("hd", "").strip();
        String sub = form.getOrDefault("sub", "").strip();
        if (sub.isEmpty()) {
            sub = stableSub(email);
        }
        StandInLogin login = hd.isEmpty() ? StandInLogin.personal(sub, email) : StandInLogin.workspace(sub, email, hd);
        return login.withEmailVerified(form.containsKey("email_verified"));
    }

    /** A person who types the same address gets the same account, as at Google. */
    private static String stableSub(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.toLowerCase().getBytes(StandardCharsets.UTF_8));
            return "1" + new java.math.BigInteger(1, java.util.Arrays.copyOf(digest, 8)).toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String formPage(Map<String, String> params) {
        String hint = params.getOrDefault("login_hint", "");
        String hd = params.getOrDefault("hd", "");
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "response_type")) {
            if (params.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(html(params.get(name))).append("\">");
            }
        }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Google stand-in</title>"
                + "<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}label{display:block;margin:.8rem 0}"
                + "input[type=text],input[type=email]{width:100%;padding:.4rem}</style></head><body>"
                + "<h1>Google stand-in</h1><p>A local test server, not Google. Choose who signs in.</p>"
                + "<form method=\"post\" action=\"" + AUTHORIZATION_PATH + "\">" + hidden
                + "<label>Email <input type=\"email\" name=\"email\" required value=\"" + html(hint) + "\"></label>"
                + "<label>Workspace domain (hd; empty for a personal account) <input type=\"text\" name=\"hd\" value=\""
                + html(hd.equals("*") ? "" : hd) + "\"></label>"
                + "<label>Account id (sub; empty: derived from the email) <input type=\"text\" name=\"sub\"></label>"
                + "<label><input type=\"checkbox\" name=\"email_verified\" checked> Email verified</label>"
                + "<button type=\"submit\">Sign in</button></form></body></html>";
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return query(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /**
     * {@code java -jar trustpack-google-standin.jar [--port 8099] [--client-id ID] [--client-secret SECRET]}: serves
     * until stopped, for trying Google sign-in with {@code ./run.sh} (docs/google.md).
     */
    public static void main(String[] args) throws Exception {
        int port = 8099;
        String clientId = "trustpack-demo.apps.googleusercontent.com";
        String clientSecret = "trustpack-demo-secret";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--client-id" -> clientId = args[i + 1];
                case "--client-secret" -> clientSecret = args[i + 1];
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + " (options: --port, --client-id, --client-secret)");
            }
        }
        GoogleStandIn standIn = new GoogleStandIn(port).registerClient(clientId, clientSecret).start();
        System.out.println("Google stand-in on " + standIn.baseUrl() + " for client id " + clientId
                + ". Not Google: anyone can sign in as anyone. Ctrl-C stops it.");
        Thread.currentThread().join();
    }
}
