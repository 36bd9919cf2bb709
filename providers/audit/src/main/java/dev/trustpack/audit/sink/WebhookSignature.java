package dev.trustpack.audit.sink;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}.
 * A secret of the form {@code whsec_<base64>} is used as its decoded bytes (the Standard Webhooks convention); any
 * other secret as its UTF-8 bytes. Keys shorter than {@value #MIN_KEY_BYTES} bytes are refused.
 */
public final class WebhookSignature {

    public static final int MIN_KEY_BYTES = 24;
    private static final String PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSignature(byte[] key) {
        this.key = key;
    }

    /**
     * The signer for a secret from the vault; the message of a refusal never contains the secret. Whitespace around
     * the secret (the newline an editor or {@code echo} leaves in a vault file) is not part of it.
     */
    public static WebhookSignature forSecret(String vaultValue) {
        String secret = vaultValue.strip();
        byte[] key;
        if (secret.startsWith(PREFIX)) {
            try {
                key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the webhook secret starts with 'whsec_' but the rest is not base64");
            }
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < MIN_KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("the webhook secret is shorter than " + MIN_KEY_BYTES + " bytes");
        }
        return new WebhookSignature(key);
    }

    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
