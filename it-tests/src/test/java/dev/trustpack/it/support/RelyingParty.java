package dev.trustpack.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import org.keycloak.util.JsonSerialization;

/**
 * A relying party on loopback, doing what a SaaS app does with Keycloak: discovery, an authorization-code request
 * with PKCE (S256), state and nonce; a real HTTP receiver for the redirect; the code exchange; and token checks
 * with a JWT library against the realm's JWKS (signature, {@code iss}, {@code aud}, {@code exp}, nonce).
 */
public final class RelyingParty implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final String clientSecret;
    private final Map<String, Object> discovery;
    private final HttpServer receiver;
    private final BlockingQueue<Map<String, String>> callbacks = new LinkedBlockingQueue<>();
    // HTTP/1.1: the JDK client's h2c upgrade on plain http once left a large export response hanging.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private RelyingParty(String realmUrl, String clientId, String clientSecret) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.discovery = getJson(realmUrl + "/.well-known/openid-configuration");
        this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/callback", exchange -> {
            callbacks.add(parseQuery(exchange.getRequestURI().getRawQuery()));
            byte[] body = "<html><body><h1 id=\"rp-callback\">Signed in</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        receiver.start();
    }

    /** A public client (no secret), such as the demo SPA. */
    public static RelyingParty publicClient(String realmUrl, String clientId) throws IOException {
        return new RelyingParty(realmUrl, clientId, null);
    }

    /** A confidential client authenticating with {@code client_secret_basic}. */
    public static RelyingParty confidentialClient(String realmUrl, String clientId, String secret) throws IOException {
        return new RelyingParty(realmUrl, clientId, secret);
    }

    /** Loopback redirect on this receiver's ephemeral port; the realm registers {@code http://127.0.0.1/*}. */
    public String redirectUri() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/callback";
    }

    public String issuer() {
        return (String) discovery.get("issuer");
    }

    public String endpoint(String name) {
        Object value = discovery.get(name);
        if (value == null) {
            throw new IllegalStateException("Discovery document has no " + name);
        }
        return (String) value;
    }

    /** A fresh authorization request (new state, nonce and PKCE verifier) for the given scope. */
    public AuthorizationRequest authorizationRequest(String scope) {
        String verifier = randomToken(48);
        String state = randomToken(16);
        String nonce = randomToken(16);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri());
        params.put("response_type", "code");
        params.put("scope", scope);
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", s256(verifier));
        params.put("code_challenge_method", "S256");
        return new AuthorizationRequest(endpoint("authorization_endpoint") + "?" + form(params), state, nonce, verifier);
    }

    /** The next redirect the receiver got, or {@code null} if none came within the timeout. */
    public Map<String, String> awaitCallback(Duration timeout) throws InterruptedException {
        return callbacks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True if no redirect reached the receiver (and so no code was issued to this app). */
    public boolean noCallbackReceived() {
        return callbacks.isEmpty();
    }

    /**
     * The tokens of a browser login this app started with {@code request}: waits for the redirect back and redeems its
     * code; fails, naming what the browser shows, when no code arrives or the exchange is refused.
     */
    public TokenResponse tokensAfterRedirect(AuthorizationRequest request, Duration wait, Supplier<String> browserShows)
            throws IOException, InterruptedException {
        Map<String, String> callback = awaitCallback(wait);
        assertThat(callback).as("redirect back to the app; the browser shows %s", browserShows.get())
                .isNotNull().containsKey("code");
        TokenResponse tokens = exchangeCode(callback.get("code"), request.codeVerifier());
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        return tokens;
    }

    /** Exchanges an authorization code; returns the HTTP status and the parsed JSON body. */
    public TokenResponse exchangeCode(String code, String codeVerifier) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", redirectUri());
        params.put("code_verifier", codeVerifier);
        return postToken(params);
    }

    /** Resource owner password grant (only for clients that allow it, such as the tests' direct-grant client). */
    public TokenResponse passwordGrant(String username, String password, String scope)
            throws IOException, InterruptedException {
        return passwordGrant(username, password, scope, Map.of());
    }

    /** The password grant with more parameters (for example {@code totp} for Keycloak's direct-grant OTP step). */
    public TokenResponse passwordGrant(String username, String password, String scope, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "password");
        params.put("username", username);
        params.put("password", password);
        params.put("scope", scope);
        params.putAll(extra);
        return postToken(params);
    }

    /** The userinfo endpoint's JSON for an access token. */
    public Map<String, Object> userInfo(String accessToken) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint("userinfo_endpoint")))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("userinfo answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** Token introspection (RFC 7662) as a confidential client. */
    public static Map<String, Object> introspect(String introspectionEndpoint, String clientId, String secret,
                                                 String token) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(introspectionEndpoint))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("token", token)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("introspection answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** The claims of a JWT without verifying it: for tests that already verified the token or only compare. */
    public static Map<String, Object> unverifiedClaims(String jwt) {
        try {
            return com.nimbusds.jwt.JWTParser.parse(jwt).getJWTClaimsSet().toJSONObject();
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a JWT", e);
        }
    }

    public TokenResponse refresh(String refreshToken) throws IOException, InterruptedException {
        return refresh(refreshToken, null);
    }

    /** A refresh grant; {@code scope} null sends none (the grant's own scope applies). */
    public TokenResponse refresh(String refreshToken, String scope) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("refresh_token", refreshToken);
        if (scope != null) {
            params.put("scope", scope);
        }
        return postToken(params);
    }

    /**
     * Standard token exchange (RFC 8693, Keycloak's V2) of another client's access token, as a backend does that
     * received it; {@code scope} null sends none.
     */
    public TokenResponse exchange(String subjectAccessToken, String scope) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        params.put("subject_token", subjectAccessToken);
        params.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        if (scope != null) {
            params.put("scope", scope);
        }
        return postToken(params);
    }

    /** JWT authorization grant (RFC 7523): an assertion an identity provider of the realm signed. */
    public TokenResponse jwtAuthorizationGrant(String assertion, String scope) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        params.put("assertion", assertion);
        params.put("scope", scope);
        return postToken(params);
    }

    /** Device authorization request (RFC 8628): the device code, user code and verification URIs. */
    public TokenResponse deviceAuthorization(String scope) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("scope", scope);
        return post(endpoint("device_authorization_endpoint"), params);
    }

    /** One poll of the token endpoint with a device code. */
    public TokenResponse deviceToken(String deviceCode) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        params.put("device_code", deviceCode);
        return postToken(params);
    }

    private TokenResponse postToken(Map<String, String> params) throws IOException, InterruptedException {
        return post(endpoint("token_endpoint"), params);
    }

    private TokenResponse post(String url, Map<String, String> params) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30));
        if (clientSecret == null) {
            params.put("client_id", clientId);
        } else {
            String basic = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form(params))).build(),
                HttpResponse.BodyHandlers.ofString());
        return new TokenResponse(response.statusCode(), json(response.body()));
    }

    /**
     * Verifies a JWT as a relying party must: RS256 signature against the realm's JWKS (fetched now, not cached),
     * {@code iss} equal to the discovered issuer, {@code exp} in the future, the given audience, and the given
     * exact-match claims (for example {@code nonce} on an ID token).
     */
    public JWTClaimsSet verify(String jwt, String expectedAudience, Map<String, Object> exactClaims)
            throws IOException, ParseException, BadJOSEException, JOSEException {
        JWKSet jwks = JWKSet.load(new URL(endpoint("jwks_uri")));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(issuer());
        exactClaims.forEach(exact::claim);
        Set<String> required = new HashSet<>(Set.of("sub", "iat", "exp", "iss", "aud"));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(expectedAudience, exact.build(), required));
        return processor.process(jwt, null);
    }

    @Override
    public void close() {
        receiver.stop(0);
    }

    private Map<String, Object> getJson(String url) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode());
            }
            return json(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) throws IOException {
        return JsonSerialization.readValue(body, Map.class);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the app keeps between sending the user to Keycloak and receiving the redirect. */
    public record AuthorizationRequest(String url, String state, String nonce, String codeVerifier) {
    }

    /** A token endpoint answer: status and JSON body. */
    public record TokenResponse(int status, Map<String, Object> body) {

        public String accessToken() {
            return (String) body.get("access_token");
        }

        public String idToken() {
            return (String) body.get("id_token");
        }

        public String refreshToken() {
            return (String) body.get("refresh_token");
        }

        public String error() {
            return (String) body.get("error");
        }

        public String errorDescription() {
            return (String) body.get("error_description");
        }
    }
}
