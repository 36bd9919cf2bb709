package dev.trustpack.argon2.login;

import java.util.Set;

import dev.trustpack.argon2.hash.HashingBusy;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.Config;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.BruteForceProtectorFactory;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Keycloak's brute-force protection, except that a login whose password could not be checked for lack of hashing
 * budget ({@link HashingBusy}) is never counted as a failure — whatever step checked the password (Trustpack's login
 * steps already answer such a login with a challenge; this also covers every other step, such as a re-authentication
 * form). It becomes the default protector by its {@link #order()}, and hands everything else to Keycloak's own.
 */
public final class BusyAwareBruteForceProtectorFactory implements BruteForceProtectorFactory {

    public static final String ID = "trustpack-hashing-aware";
    /** Keycloak's own protector, which this one wraps. */
    static final String KEYCLOAK_PROTECTOR = "default-brute-force-detector";

    private BruteForceProtectorFactory keycloak;

    @Override
    public BruteForceProtector create(KeycloakSession session) {
        return new Protector(keycloak.create(session));
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        keycloak = (BruteForceProtectorFactory) factory.getProviderFactory(BruteForceProtector.class, KEYCLOAK_PROTECTOR);
        if (keycloak == null) {
            throw new IllegalStateException("Keycloak's brute-force protector '" + KEYCLOAK_PROTECTOR + "' is missing");
        }
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
        return BusyPasswordCheck.ORDER;
    }

    private record Protector(BruteForceProtector keycloak) implements BruteForceProtector {

        @Override
        public void failedLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uriInfo,
                                Set<String> categories) {
            if (HashingBusy.of(KeycloakSessionUtil.getKeycloakSession()).isEmpty()) {
                keycloak.failedLogin(realm, user, connection, uriInfo, categories);
            }
        }

        @Override
        public void successfulLogin(RealmModel realm, UserModel user, ClientConnection connection, UriInfo uriInfo,
                                    Set<String> categories) {
            keycloak.successfulLogin(realm, user, connection, uriInfo, categories);
        }

        @Override
        public boolean isTemporarilyDisabled(KeycloakSession session, RealmModel realm, UserModel user) {
            return keycloak.isTemporarilyDisabled(session, realm, user);
        }

        @Override
        public boolean isPermanentlyLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
            return keycloak.isPermanentlyLockedOut(session, realm, user);
        }

        @Override
        public void cleanUpPermanentLockout(KeycloakSession session, RealmModel realm, UserModel user) {
            keycloak.cleanUpPermanentLockout(session, realm, user);
        }

        @Override
        public void close() {
        }
    }
}
