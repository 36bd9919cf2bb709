package dev.trustpack.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A webhook receiver on loopback, as a customer's SIEM endpoint would be: HTTPS with a certificate from the test CA
 * (or plain HTTP), verifying the Standard Webhooks signature itself (independently of Trustpack's code). It can be
 * told to answer with an error status, to hang, to refuse bodies containing a marker, or to go down entirely.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String PATH = "/audit";
    private static final int DRIBBLED_BODY_BYTES = 64;

    /** One request as received. {@code status} is what the receiver answered (0: an answer it dribbled). */
    public record Delivery(Instant receivedAt, String webhookId, long timestamp, boolean signatureValid,
                           String body, List<JsonNode> events, int status) {
    }

    private final SSLContext tls;
    private final byte[] key;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile int status = 200;
    private volatile long delayMillis;
    private volatile String refuseMarker;
    private volatile long dribbleMillis;
    private int port;
    private HttpServer server;

    private WebhookReceiver(SSLContext tls, String secret) {
        this.tls = tls;
        this.key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** HTTPS with the test CA's certificate for localhost. */
    public static WebhookReceiver https(String secret) throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(TestPki.get().trustedServer(), secret);
        receiver.start(0);
        return receiver;
    }

    /** HTTPS with a self-signed certificate Keycloak does not trust. */
    public static WebhookReceiver rogueHttps(String secret) throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(TestPki.get().rogueServer(), secret);
        receiver.start(0);
        return receiver;
    }

    public String url() {
        return (tls == null ? "http" : "https") + "://localhost:" + port + PATH;
    }

    /** Answer every request with this status (after the delay, if any). */
    public void answer(int status) {
        this.status = status;
    }

    /** Wait this long before answering (longer than the sink's timeout makes it time out). */
    public void delay(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /**
     * Answer with a short body sent one byte per interval: never silent for long, so no socket timeout ends it; only
     * an overall deadline does.
     */
    public void dribble(Duration interval) {
        this.dribbleMillis = interval.toMillis();
    }

    /** Answer 400 to any batch whose body contains the marker; others as usual. */
    public void refuseBodiesContaining(String marker) {
        this.refuseMarker = marker;
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void restart() throws IOException {
        if (server == null) {
            start(port);
        }
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Events of the batches the receiver accepted (2xx), in arrival order. */
    public List<JsonNode> acceptedEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.status() / 100 == 2) {
                events.addAll(delivery.events());
            }
        }
        return events;
    }

    /** Waits until an accepted event matches. */
    public JsonNode awaitEvent(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : acceptedEvents()) {
                if (match.test(event)) {
                    return event;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No accepted webhook event matched within " + timeout.toSeconds() + " s; got "
                + deliveries.size() + " request(s)");
    }

    /** Waits until some request matches (accepted or not). */
    public Delivery awaitDelivery(Predicate<Delivery> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Delivery delivery : deliveries) {
                if (match.test(delivery)) {
                    return delivery;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No webhook request matched within " + timeout.toSeconds() + " s; got "
                + deliveries.size() + " request(s)");
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }

    private synchronized void start(int wantedPort) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                if (tls == null) {
                    server = HttpServer.create(address, 50);
                } else {
                    HttpsServer https = HttpsServer.create(address, 50);
                    https.setHttpsConfigurator(new HttpsConfigurator(tls));
                    server = https;
                }
                break;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(100);
            }
        }
        server.createContext(PATH, this::handle);
        server.setExecutor(threads);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestampHeader = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        long timestamp = timestampHeader == null ? -1 : Long.parseLong(timestampHeader);
        boolean valid = id != null && timestamp > 0 && Math.abs(Instant.now().getEpochSecond() - timestamp) < 300
                && signatureMatches(exchange.getRequestHeaders().getFirst("webhook-signature"), id, timestamp, body);
        List<JsonNode> events = new ArrayList<>();
        try {
            JSON.readTree(body).forEach(events::add);
        } catch (IOException e) {
            // Not JSON: recorded with no events; the test will see it.
        }
        if (delayMillis > 0) {
            sleep(delayMillis);
        }
        String marker = refuseMarker;
        int answer = !valid ? 401 : marker != null && body.contains(marker) ? 400 : status;
        long dribble = dribbleMillis;
        // A dribbled answer is never complete, so it counts as no answer (status 0), never as accepted.
        deliveries.add(new Delivery(receivedAt, id, timestamp, valid, body, events, dribble > 0 ? 0 : answer));
        try {
            if (dribble > 0) {
                exchange.sendResponseHeaders(answer, DRIBBLED_BODY_BYTES);
                for (int i = 0; i < DRIBBLED_BODY_BYTES; i++) {
                    exchange.getResponseBody().write('.');
                    exchange.getResponseBody().flush();
                    sleep(dribble);
                }
            } else {
                exchange.sendResponseHeaders(answer, -1);
            }
        } catch (IOException clientGone) {
            // The sender gave up on the dribbled answer: what a deadline is for.
        } finally {
            exchange.close();
        }
    }

    private boolean signatureMatches(String header, String id, long timestamp, String body) {
        if (header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : header.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
