package dev.trustpack.argon2.legacy;

import java.util.Map;

import dev.trustpack.argon2.hash.Argon2Runtime;
import dev.trustpack.argon2.hash.Argon2idPasswordHashProviderFactory;
import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** One verify-only provider per {@link LegacyFormat}; order 0, never a default algorithm. */
abstract sealed class LegacyPasswordHashProviderFactory implements PasswordHashProviderFactory, ServerInfoAwareProviderFactory
        permits LegacyPasswordHashProviderFactory.DjangoPbkdf2Sha256, LegacyPasswordHashProviderFactory.DjangoPbkdf2Sha1,
        LegacyPasswordHashProviderFactory.DjangoArgon2, LegacyPasswordHashProviderFactory.DjangoBcryptSha256,
        LegacyPasswordHashProviderFactory.Bcrypt, LegacyPasswordHashProviderFactory.PhcArgon2Hash {

    private final LegacyFormat format;
    private Argon2Runtime runtime;

    LegacyPasswordHashProviderFactory(LegacyFormat format) {
        this.format = format;
    }

    @Override
    public final PasswordHashProvider create(KeycloakSession session) {
        return new LegacyPasswordHashProvider(session, format, runtime);
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        runtime = Argon2Runtime.of(factory);
    }

    @Override
    public final void close() {
    }

    @Override
    public final String getId() {
        return format.providerId();
    }

    @Override
    public final int order() {
        return 0;
    }

    @Override
    public final Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(getClass(), Map.of("verifies", format.name(), "upgrades-to",
                Argon2idPasswordHashProviderFactory.ID));
    }

    public static final class DjangoPbkdf2Sha256 extends LegacyPasswordHashProviderFactory {
        public DjangoPbkdf2Sha256() {
            super(LegacyFormat.DJANGO_PBKDF2_SHA256);
        }
    }

    public static final class DjangoPbkdf2Sha1 extends LegacyPasswordHashProviderFactory {
        public DjangoPbkdf2Sha1() {
            super(LegacyFormat.DJANGO_PBKDF2_SHA1);
        }
    }

    public static final class DjangoArgon2 extends LegacyPasswordHashProviderFactory {
        public DjangoArgon2() {
            super(LegacyFormat.DJANGO_ARGON2);
        }
    }

    public static final class DjangoBcryptSha256 extends LegacyPasswordHashProviderFactory {
        public DjangoBcryptSha256() {
            super(LegacyFormat.DJANGO_BCRYPT_SHA256);
        }
    }

    public static final class Bcrypt extends LegacyPasswordHashProviderFactory {
        public Bcrypt() {
            super(LegacyFormat.BCRYPT);
        }
    }

    public static final class PhcArgon2Hash extends LegacyPasswordHashProviderFactory {
        public PhcArgon2Hash() {
            super(LegacyFormat.PHC_ARGON2);
        }
    }
}
