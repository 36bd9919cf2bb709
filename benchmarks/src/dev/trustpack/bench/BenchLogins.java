package dev.trustpack.bench;

import static dev.trustpack.bench.BenchRealm.CLIENT;
import static dev.trustpack.bench.BenchRealm.PASSWORD;
import static dev.trustpack.bench.BenchRealm.SECRET;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logins the loads drive, as a client of {@link BenchRealm#CLIENT} would: the password grant, a browser login
 * (an HTTP client with no cookies posting the login form, authorization code with PKCE S256, then the code exchange)
 * and the refresh grant. Each fails with the status it got unless Keycloak issued the tokens.
 */
final class BenchLogins {

    static final String REDIRECT = "http://127.0.0.1:1/cb";
    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

    private BenchLogins() {
    }

    /** The token response's body. */
    static String passwordGrant(String base, String realm, String username) throws Exception {
        return token(base, realm, "grant_type=password&client_id=" + CLIENT + "&client_secret=" + SECRET + "&username="
                + username + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&scope=openid");
    }

    /** Authorization request, login form, redirect with a code, code exchange; the token response's body. */
    static String browserLogin(String base, String realm, String username) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = base + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&client_id="
                + CLIENT + "&scope=openid&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&state=s&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> page = BenchHttp.HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(200, page);
        // Cookies by hand: Keycloak marks its login cookies Secure, which java.net's CookieManager keeps off http.
        Map<String, String> cookies = new LinkedHashMap<>();
        // Identity-first flows (Keycloak's organization step, Trustpack's Google step) ask for the username on one
        // page and the password on the next; a plain form asks for both on one.
        for (int pages = 0; pages < 3; pages++) {
            keepCookies(page, cookies);
            Matcher action = FORM_ACTION.matcher(page.body());
            if (!action.find()) {
                throw new IllegalStateException("no login form in " + realm);
            }
            StringBuilder form = new StringBuilder("credentialId=");
            if (page.body().contains("name=\"username\"")) {
                form.append("&username=").append(username);
            }
            if (page.body().contains("name=\"password\"")) {
                form.append("&password=").append(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
            }
            HttpResponse<String> posted = BenchHttp.HTTP.send(HttpRequest.newBuilder(URI.create(action.group(1)
                            .replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", String.join("; ", cookies.values()))
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() == 302) {
                String location = posted.headers().firstValue("Location").orElse("");
                Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
                if (!code.find()) {
                    throw new IllegalStateException("login in " + realm + " redirected to " + location);
                }
                return token(base, realm, "grant_type=authorization_code&client_id=" + CLIENT + "&client_secret="
                        + SECRET + "&code=" + code.group(1) + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier=" + verifier);
            }
            expect(200, posted);
            page = posted;
        }
        throw new IllegalStateException("login in " + realm + " did not end after three pages");
    }

    private static void keepCookies(HttpResponse<?> response, Map<String, String> cookies) {
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            cookies.put(pair.split("=", 2)[0], pair);
        }
    }

    /** A refresh grant with the given refresh token; the token response's body. */
    static String refresh(String base, String realm, String refreshToken) throws Exception {
        return token(base, realm, "grant_type=refresh_token&client_id=" + CLIENT + "&client_secret=" + SECRET
                + "&refresh_token=" + refreshToken);
    }

    /** The refresh token of a token response. */
    static String refreshToken(String tokenResponse) {
        Matcher token = REFRESH_TOKEN.matcher(tokenResponse);
        if (!token.find()) {
            throw new IllegalStateException("no refresh token in the response");
        }
        return token.group(1);
    }

    /** A token request; the body of its 200 answer. */
    static String token(String base, String realm, String form) throws Exception {
        HttpResponse<String> response = BenchHttp.HTTP.send(tokenRequest(base, realm, form),
                HttpResponse.BodyHandlers.ofString());
        expect(200, response);
        return response.body();
    }

    static HttpRequest tokenRequest(String base, String realm, String form) {
        return HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    static void expect(int status, HttpResponse<?> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode());
        }
    }
}
