package dev.trustpack.audit.sink;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.trustpack.common.config.IntSetting;
import dev.trustpack.common.config.Setting;
import dev.trustpack.common.config.InvalidConfigException;
import dev.trustpack.common.config.StringSetting;
import dev.trustpack.common.config.VaultReferenceSetting;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/** {@code trustpack-webhook}: HTTPS POST of CloudEvents batches, signed the Standard Webhooks way. */
public final class WebhookSinkFactory extends SinkFactoryBase {

    public static final String ID = "trustpack-webhook";

    static final StringSetting URL = new StringSetting("url", "URL",
            "Where batches are POSTed. https, or http to a loopback address only.", null, "https?://\\S{1,2000}",
            "an http(s) URL");
    static final VaultReferenceSetting SECRET = new VaultReferenceSetting("secret", "Signing secret",
            "Vault reference of the HMAC secret, e.g. ${vault.audit-webhook}. Standard Webhooks 'whsec_<base64>' "
            + "secrets are decoded; at least 24 bytes.");
    static final IntSetting CONNECT_TIMEOUT_MS = new IntSetting("connect-timeout-ms", "Connect timeout (ms)",
            "Longest wait for a connection.", 5000, 100, 60000);
    static final IntSetting TIMEOUT_MS = new IntSetting("timeout-ms", "Response timeout (ms)",
            "Longest silence while waiting for the response.", 10000, 100, 60000);

    /** This sink's own settings (besides {@link SinkSettings#ALL}). */
    static final List<Setting<?>> SETTINGS = List.of(URL, SECRET, CONNECT_TIMEOUT_MS, TIMEOUT_MS);

    public WebhookSinkFactory() {
        super(ID, "Delivers audit records as signed CloudEvents batches to an HTTPS endpoint.",
                SETTINGS);
    }

    @Override
    AuditSink create(KeycloakSession session, SinkSettings settings, Map<String, String> config) {
        WebhookSignature signature;
        String unusable = null;
        String reference = SECRET.read(config);
        try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            signature = resolved(secret, reference).map(WebhookSignature::forSecret).orElse(null);
            if (signature == null) {
                unusable = "the vault has no value for the signing secret";
            }
        } catch (IllegalArgumentException e) {
            signature = null;
            unusable = e.getMessage();
        }
        return new WebhookSink(settings, URI.create(URL.read(config)), signature, unusable,
                session.getProvider(HttpClientProvider.class).getHttpClient(),
                Duration.ofMillis(CONNECT_TIMEOUT_MS.read(config)), Duration.ofMillis(TIMEOUT_MS.read(config)));
    }

    @Override
    void validate(KeycloakSession session, RealmModel realm, Map<String, String> config) {
        requireAllowedUrl(URL.read(config));
        String reference = SECRET.read(config);
        try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            String value = resolved(secret, reference).orElseThrow(() -> new InvalidConfigException(SECRET.key(),
                    "Keycloak's vault has no value for this reference (for the file vault: a file named "
                    + realm.getName() + "_<key> in the vault directory)"));
            WebhookSignature.forSecret(value);
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidConfigException) {
                throw e;
            }
            throw new InvalidConfigException(SECRET.key(), e.getMessage());
        }
    }

    /** The vault's value; empty if there is none (or no vault, which hands back the reference itself). */
    private static Optional<String> resolved(VaultStringSecret secret, String reference) {
        return secret.get().filter(value -> !value.isEmpty() && !value.equals(reference));
    }

    /** https anywhere; plain http only to this machine, where nothing crosses a network. No credentials in the URL. */
    static void requireAllowedUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(URL.key(), "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidConfigException(URL.key(), "needs an https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidConfigException(URL.key(), "must not contain credentials; the signature authenticates "
                    + "the sender");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidConfigException(URL.key(), "must not contain a fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidConfigException(URL.key(), "plain http is allowed only to a loopback address; use https");
        }
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
