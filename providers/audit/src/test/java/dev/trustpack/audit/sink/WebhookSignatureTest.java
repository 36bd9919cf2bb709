package dev.trustpack.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks specification (reproduced independently with Python's hmac). */
    @Test
    void reproducesTheStandardWebhooksExample() {
        WebhookSignature signature = WebhookSignature.forSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aTrailingNewlineFromAVaultFileIsNotPartOfTheSecret() {
        assertThat(WebhookSignature.forSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n")
                .sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shortOrMalformedSecretsAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> WebhookSignature.forSecret("short-secret-value"))
                .hasMessageContaining("shorter than 24 bytes").hasMessageNotContaining("short-secret-value");
        assertThatThrownBy(() -> WebhookSignature.forSecret("whsec_***not-base64***"))
                .hasMessageContaining("not base64").hasMessageNotContaining("not-base64***");
    }

    @Test
    void aPlainSecretIsUsedAsItsBytes() {
        String signed = WebhookSignature.forSecret("a-plain-secret-of-enough-length").sign("id", 1, "{}");

        assertThat(signed).startsWith("v1,").hasSize(3 + 44);
    }
}
