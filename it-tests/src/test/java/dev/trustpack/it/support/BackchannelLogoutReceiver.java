package dev.trustpack.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A client's OpenID Connect back-channel logout endpoint on loopback: records the claims of every logout token
 * Keycloak POSTs to it ({@code logout_token} form parameter), as a relying party would receive them. Signatures are
 * not checked: what the tests look at is which session ({@code sid}) Keycloak logged out, and how often.
 */
public final class BackchannelLogoutReceiver implements AutoCloseable {

    public static final String PATH = "/backchannel-logout";

    private final HttpServer server;
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();

    private BackchannelLogoutReceiver(HttpServer server) {
        this.server = server;
        server.createContext(PATH, exchange -> {
            int status = 200;
            try (InputStream body = exchange.getRequestBody()) {
                String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                for (String pair : form.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).equals("logout_token")) {
                        received.add(RelyingParty.unverifiedClaims(
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
                    }
                }
            } catch (RuntimeException unreadable) {
                // Answered all the same, so Keycloak does not wait for its timeout; the test sees no token.
                status = 400;
            } finally {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            }
        });
        server.start();
    }

    public static BackchannelLogoutReceiver start() {
        try {
            return new BackchannelLogoutReceiver(HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on loopback for back-channel logouts", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Claims of every logout token received so far. */
    public List<Map<String, Object>> received() {
        return new ArrayList<>(received);
    }

    /** Logout tokens received for one SSO session. */
    public List<Map<String, Object>> forSession(String sid) {
        return received().stream().filter(claims -> sid.equals(claims.get("sid"))).toList();
    }

    /** Waits until a logout token matching {@code wanted} arrives; its claims, or null after {@code wait}. */
    public Map<String, Object> await(Predicate<Map<String, Object>> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            for (Map<String, Object> claims : received) {
                if (wanted.test(claims)) {
                    return claims;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
