package dev.trustpack.google.provider;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.trustpack.common.config.StringSetting;
import org.keycloak.Config;
import org.keycloak.social.google.GoogleIdentityProvider;
import org.keycloak.social.google.GoogleIdentityProviderConfig;

/**
 * Where the provider reaches Google. Google's own endpoints unless the operator points them elsewhere with the server
 * option {@code --spi-social--trustpack-google--endpoint-base-url} (tests, a private mirror): a server setting, never a
 * realm setting, so no realm admin can send a realm's Google logins to another server. The issuer the tokens must
 * carry stays Google's either way.
 */
public record GoogleEndpoints(String authorizationUrl, String tokenUrl, String userInfoUrl, String jwksUrl) {

    public static final StringSetting BASE_URL = new StringSetting("endpoint-base-url", "Endpoint base URL",
            "Operators only: serve Google's endpoints from this base URL instead of Google (paths /o/oauth2/v2/auth, "
                    + "/token, /v1/userinfo, /oauth2/v3/certs). https, or http on loopback only. Empty: Google.", "",
            "|https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?"
                    + "|http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?",
            "an https URL, or an http URL on 127.0.0.1, localhost or [::1], without query or fragment");

    public static final GoogleEndpoints GOOGLE = new GoogleEndpoints(GoogleIdentityProvider.AUTH_URL,
            GoogleIdentityProvider.TOKEN_URL, GoogleIdentityProvider.PROFILE_URL, GoogleIdentityProvider.JWKS_URL);

    /** Reads the server option; an invalid value stops the server at start, naming the option. */
    public static GoogleEndpoints read(Config.Scope config) {
        String base = BASE_URL.read(config);
        if (base.isEmpty()) {
            return GOOGLE;
        }
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new GoogleEndpoints(root + "/o/oauth2/v2/auth", root + "/token", root + "/v1/userinfo",
                root + "/oauth2/v3/certs");
    }

    public boolean isGoogle() {
        return equals(GOOGLE);
    }

    void applyTo(GoogleIdentityProviderConfig config) {
        config.setAuthorizationUrl(authorizationUrl);
        config.setTokenUrl(tokenUrl);
        config.setUserInfoUrl(userInfoUrl);
        config.setJwksUrl(jwksUrl);
    }

    Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("endpoints", isGoogle() ? "Google" : "operator override " + authorizationUrl.replace("/o/oauth2/v2/auth", ""));
        return info;
    }
}
