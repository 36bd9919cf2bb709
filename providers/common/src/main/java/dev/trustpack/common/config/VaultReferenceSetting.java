package dev.trustpack.common.config;

import java.util.regex.Pattern;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * A required secret that must be given as a reference into Keycloak's vault ({@code ${vault.<key>}}), never as the
 * secret itself, so the database, realm exports and admin events hold only the reference. Resolve it with
 * {@code session.vault().getStringSecret(reference)}. Error messages never quote the value: it may be a secret
 * pasted by mistake.
 */
public final class VaultReferenceSetting extends Setting<String> {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{vault\\.[A-Za-z0-9_.-]{1,128}}");

    public VaultReferenceSetting(String key, String label, String helpText) {
        super(key, label, helpText, null);
    }

    @Override
    String parseValue(String raw) {
        if (!REFERENCE.matcher(raw).matches()) {
            throw new InvalidConfigException(key(), "must be a vault reference such as ${vault.my-secret} "
                    + "(put the secret itself in Keycloak's vault; the value given is not repeated here)");
        }
        return raw;
    }

    @Override
    String propertyType() {
        return ProviderConfigProperty.PASSWORD;
    }

    @Override
    public boolean isSecret() {
        return true;
    }
}
