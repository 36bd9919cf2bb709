package dev.trustpack.audit.sink;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.trustpack.audit.record.CloudEvents;
import dev.trustpack.audit.record.SealedRecord;
import dev.trustpack.common.TrustpackVersion;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * Posts a batch as a JSON array of CloudEvents with the Standard Webhooks headers. 2xx is delivered; 400, 413, 415
 * and 422 reject the content; anything else (including redirects, 401/403/404, 408, 429, 5xx, timeouts, refused
 * connections) is a failure to retry. Uses Keycloak's outgoing HTTP client, so its proxy and truststore settings
 * apply.
 */
final class WebhookSink implements AuditSink {

    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String SIGNATURE_HEADER = "webhook-signature";
    private static final int MAX_RESPONSE_BYTES_READ = 64 * 1024;

    private final SinkSettings settings;
    private final URI url;
    private final WebhookSignature signature;
    private final String unusableReason;
    private final CloseableHttpClient http;
    private final RequestConfig requestConfig;
    private final Duration attemptLimit;

    WebhookSink(SinkSettings settings, URI url, WebhookSignature signature, String unusableReason,
                CloseableHttpClient http, Duration connectTimeout, Duration timeout) {
        this.settings = settings;
        this.url = url;
        this.signature = signature;
        this.unusableReason = unusableReason;
        this.http = http;
        this.requestConfig = RequestConfig.custom()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setConnectionRequestTimeout((int) connectTimeout.toMillis())
                .setSocketTimeout((int) timeout.toMillis())
                .setRedirectsEnabled(false)
                .build();
        this.attemptLimit = connectTimeout.plus(timeout);
    }

    /** Connect, then the response: the socket timeout alone would let a slowly dripping answer run on. */
    @Override
    public Duration attemptLimit() {
        return attemptLimit;
    }

    @Override
    public SinkSettings settings() {
        return settings;
    }

    @Override
    public DeliveryResult deliver(String batchId, List<SealedRecord> records) {
        if (signature == null) {
            return DeliveryResult.failed(unusableReason);
        }
        String body = CloudEvents.batch(records);
        long timestamp = System.currentTimeMillis() / 1000;
        HttpPost post = new HttpPost(url);
        post.setConfig(requestConfig);
        post.setHeader(ID_HEADER, batchId);
        post.setHeader(TIMESTAMP_HEADER, Long.toString(timestamp));
        post.setHeader(SIGNATURE_HEADER, signature.sign(batchId, timestamp, body));
        post.setHeader("User-Agent", "Trustpack-Audit/" + TrustpackVersion.of(WebhookSink.class));
        post.setEntity(new StringEntity(body, ContentType.create(CloudEvents.BATCH_CONTENT_TYPE, StandardCharsets.UTF_8)));
        try (AttemptDeadline deadline = AttemptDeadline.start(attemptLimit, post::abort)) {
            return send(post, deadline);
        }
    }

    private DeliveryResult send(HttpPost post, AttemptDeadline deadline) {
        try (CloseableHttpResponse response = http.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            drainSmall(response.getEntity());
            return classify(status);
        } catch (IOException e) {
            return DeliveryResult.failed(deadline.passed() ? "no complete answer within " + attemptLimit.toMillis()
                    + " ms" : Failures.describe(e));
        } catch (RuntimeException e) {
            post.abort();
            return DeliveryResult.failed("unexpected failure (" + e.getClass().getSimpleName() + ")");
        }
    }

    static DeliveryResult classify(int status) {
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered();
        }
        if (status == 400 || status == 413 || status == 415 || status == 422) {
            return DeliveryResult.rejected("HTTP " + status);
        }
        return DeliveryResult.failed("HTTP " + status);
    }

    /** Reads a short response so the connection can be reused; a long one is cut off with the connection. */
    private static void drainSmall(HttpEntity entity) throws IOException {
        if (entity == null) {
            return;
        }
        long length = entity.getContentLength();
        if (length >= 0 && length <= MAX_RESPONSE_BYTES_READ) {
            try (InputStream in = entity.getContent()) {
                in.readNBytes(MAX_RESPONSE_BYTES_READ);
            }
        }
    }
}
