package dev.trustpack.audit.sink;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.trustpack.common.config.InvalidConfigException;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Operator sinks: sinks of the master realm with {@link SinkSettings#ALL_REALMS} set. They receive the records of every
 * realm, so the trail reaches a destination that the admins of the other realms can neither see nor change (the
 * master realm's components are out of their reach), and a deleted realm's records still arrive there. Each keeps one
 * progress row per realm, whose id is derived from the sink's and the realm's.
 */
public final class OperatorSinks {

    private OperatorSinks() {
    }

    /** Whether this component of this realm is an operator sink; a value that does not validate never makes one. */
    public static boolean isOperatorSink(RealmModel realm, ComponentModel component) {
        if (realm == null || !isAdminRealm(realm)) {
            return false;
        }
        try {
            return SinkSettings.ALL_REALMS.read(SinkSettings.flatten(component));
        } catch (InvalidConfigException e) {
            return false;
        }
    }

    public static boolean isAdminRealm(RealmModel realm) {
        return Config.getAdminRealm().equals(realm.getName());
    }

    /** The master realm, where operator sinks live. */
    public static RealmModel adminRealm(KeycloakSession session) {
        return session.realms().getRealmByName(Config.getAdminRealm());
    }

    /** The id of an operator sink's progress row for one realm: stable, so every node derives the same one. */
    public static String rowId(String sinkId, String realmId) {
        return UUID.nameUUIDFromBytes(("trustpack-operator-sink/" + sinkId + "/" + realmId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
