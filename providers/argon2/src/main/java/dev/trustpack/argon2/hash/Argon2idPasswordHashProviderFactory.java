package dev.trustpack.argon2.hash;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import dev.trustpack.common.config.Setting;
import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * {@code trustpack-argon2id}. Order 0, so it never replaces Keycloak's default algorithm by itself: a realm selects
 * it with the password policy {@code hashAlgorithm(trustpack-argon2id)}.
 */
public final class Argon2idPasswordHashProviderFactory implements PasswordHashProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-argon2id";

    private Argon2Runtime runtime;
    private BundledLibargon2.Loaded library;

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return new Argon2idPasswordHashProvider(session, runtime);
    }

    @Override
    public void init(Config.Scope config) {
        runtime = Argon2Runtime.start(Argon2Settings.read(config));
        // After the self-test's hash, when the library is mapped.
        library = BundledLibargon2.loaded();
        library.log();
    }

    /** The runtime every Trustpack hash provider of this server shares (see {@link Argon2Runtime#of}). */
    Argon2Runtime runtime() {
        return runtime;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return Argon2Settings.ALL.stream().map(Setting::toProperty).toList();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(runtime.settings().describe());
        info.putAll(library.describe());
        return TrustpackVersion.operationalInfo(Argon2idPasswordHashProviderFactory.class, info);
    }
}
