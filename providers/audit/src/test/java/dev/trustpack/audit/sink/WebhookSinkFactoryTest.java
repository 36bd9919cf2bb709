package dev.trustpack.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustpack.common.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class WebhookSinkFactoryTest {

    @Test
    void httpsAnywhereAndPlainHttpOnlyToLoopback() {
        assertThatCode(() -> WebhookSinkFactory.requireAllowedUrl("https://siem.acme.test/hooks/keycloak"))
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookSinkFactory.requireAllowedUrl("http://127.0.0.1:3000/audit"))
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookSinkFactory.requireAllowedUrl("http://[::1]:3000/audit"))
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookSinkFactory.requireAllowedUrl("http://localhost/audit")).doesNotThrowAnyException();

        assertThatThrownBy(() -> WebhookSinkFactory.requireAllowedUrl("http://siem.acme.test/hooks"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'url'").hasMessageContaining("loopback");
        assertThatThrownBy(() -> WebhookSinkFactory.requireAllowedUrl("http://127.0.0.1.nip.io/hooks"))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> WebhookSinkFactory.requireAllowedUrl("ftp://siem.acme.test/"))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void credentialsAndFragmentsAreRefused() {
        assertThatThrownBy(() -> WebhookSinkFactory.requireAllowedUrl("https://user:pw@siem.acme.test/"))
                .hasMessageContaining("credentials").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> WebhookSinkFactory.requireAllowedUrl("https://siem.acme.test/#x"))
                .hasMessageContaining("fragment");
    }

    @Test
    void statusCodesAreClassified() {
        assertThat(WebhookSink.classify(200).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(WebhookSink.classify(204).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(WebhookSink.classify(400).outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
        assertThat(WebhookSink.classify(413).outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
        assertThat(WebhookSink.classify(422).outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
        for (int status : new int[] {301, 401, 403, 404, 408, 429, 500, 502, 503}) {
            assertThat(WebhookSink.classify(status).outcome()).as("HTTP %d", status)
                    .isEqualTo(DeliveryResult.Outcome.FAILED);
        }
    }
}
