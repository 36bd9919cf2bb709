package dev.trustpack.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.keycloak.common.util.StringPropertyReplacer;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.util.JsonSerialization;

/**
 * The demo realm exactly as {@code run.sh} imports it: {@code realm-config/trustpack-demo-realm.json}, with its
 * {@code ${ENV}} placeholders resolved by Keycloak's own {@link StringPropertyReplacer}, as {@code --import-realm}
 * does. Only the secrets differ: each test run uses fresh random ones instead of run.sh's documented demo defaults.
 */
public final class DemoRealm implements RealmConfig {

    public static final String NAME = "trustpack-demo";
    public static final String RESOURCE = "/realm-config/trustpack-demo-realm.json";
    public static final String SPA_CLIENT = "trustpack-spa";
    public static final String BACKEND_CLIENT = "trustpack-backend";

    /** Demo users: alice is in acme, bob in globex, carol in both. */
    public static final String ALICE = "alice";
    public static final String BOB = "bob";
    public static final String CAROL = "carol";

    public static final String PASSWORD = "it-" + UUID.randomUUID();
    public static final String BACKEND_SECRET = UUID.randomUUID().toString();

    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "TRUSTPACK_DEMO_PASSWORD", PASSWORD,
            "TRUSTPACK_BACKEND_CLIENT_SECRET", BACKEND_SECRET);

    @Override
    public RealmBuilder configure(RealmBuilder ignoredEmptyBuilder) {
        return RealmBuilder.update(load());
    }

    /** Parses the realm file with placeholders resolved; fails on any placeholder the tests do not define. */
    public static RealmRepresentation load() {
        String raw = rawJson();
        String resolved = StringPropertyReplacer.replaceProperties(raw, name -> {
            String value = PLACEHOLDERS.get(name);
            if (value == null) {
                throw new IllegalStateException("realm-config uses a placeholder the tests do not set: " + name);
            }
            return value;
        });
        try {
            return JsonSerialization.readValue(resolved, RealmRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String rawJson() {
        try (InputStream in = DemoRealm.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
