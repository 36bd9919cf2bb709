package dev.trustpack.audit.sink;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trustpack.audit.record.Redactor;
import dev.trustpack.audit.record.Scrub;
import dev.trustpack.common.config.Setting;

/**
 * What of an audit sink's configuration an audit record may show: an auditor must see where the audit stream goes
 * (host, port, transport, tenant, format, the webhook's origin) and how it retries; the signing secret and a webhook
 * URL's path and query (which may carry a token) stay withheld. Decided by each setting's own definition.
 */
public final class SinkConfigs {

    private SinkConfigs() {
    }

    /** Whether a JSON object is the representation of a Trustpack audit sink component. */
    public static boolean isAuditSink(JsonNode component) {
        return AuditSink.class.getName().equals(component.path("providerType").asText())
                && setting(component.path("providerId").asText(), "tenant").isPresent();
    }

    /** The component's {@code config} with the values of non-secret settings kept and every other value withheld. */
    public static JsonNode visible(String providerId, JsonNode config) {
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : config.properties()) {
            Optional<Setting<?>> setting = setting(providerId, entry.getKey());
            boolean visible = setting.isPresent() && !setting.get().isSecret();
            boolean url = setting.map(s -> s == WebhookSinkFactory.URL).orElse(false);
            shown.set(entry.getKey(), values(entry.getValue(), visible, url));
        }
        return shown;
    }

    private static JsonNode values(JsonNode values, boolean visible, boolean url) {
        if (!values.isArray()) {
            return TextNode.valueOf(Redactor.REDACTED);
        }
        ArrayNode shown = JsonNodeFactory.instance.arrayNode();
        values.forEach(value -> shown.add(!visible || !value.isTextual() ? Redactor.REDACTED
                : url ? origin(value.textValue()) : Scrub.text(value.textValue())));
        return shown;
    }

    /** {@code https://host:port} of a URL; its path and query are withheld. */
    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Redactor.REDACTED;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "" : "/" + Redactor.REDACTED;
            return Scrub.text(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + path);
        } catch (IllegalArgumentException e) {
            return Redactor.REDACTED;
        }
    }

    private static Optional<Setting<?>> setting(String providerId, String key) {
        List<Setting<?>> own = switch (providerId) {
            case WebhookSinkFactory.ID -> WebhookSinkFactory.SETTINGS;
            case SyslogSinkFactory.ID -> SyslogSinkFactory.SETTINGS;
            default -> null;
        };
        if (own == null) {
            return Optional.empty();
        }
        return Stream.concat(SinkSettings.ALL.stream(), own.stream()).filter(s -> s.key().equals(key)).findFirst();
    }
}
