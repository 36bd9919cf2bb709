package dev.trustpack.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.trustpack.standin.GoogleStandIn;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

/**
 * Google sign-in for tests: the Google stand-in (a real OIDC server on loopback, {@link GoogleStandIn}) shared by the
 * suite on {@link #PORT}, where the server configuration points the Trustpack Google provider
 * ({@code endpoint-base-url}), and the demo realm's Google provider {@value #ALIAS} as an admin would add it.
 */
public final class GoogleSignIn {

    /** Loopback port of the stand-in; {@link TrustpackServerConfig} points the provider there. */
    public static final int PORT = 8098;
    public static final String ALIAS = "google";
    public static final String CLIENT_ID = "trustpack-it.apps.googleusercontent.com";
    public static final String FIRST_LOGIN_FLOW = "trustpack google first broker login";
    public static final String POST_LOGIN_FLOW = "trustpack post broker login";

    private static final String CLIENT_SECRET = "it-google-" + UUID.randomUUID();
    private static GoogleStandIn standIn;

    private GoogleSignIn() {
    }

    /** The suite's stand-in, started on first use. */
    public static synchronized GoogleStandIn standIn() {
        if (standIn == null) {
            try {
                standIn = new GoogleStandIn(PORT).registerClient(CLIENT_ID, CLIENT_SECRET).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return standIn;
    }

    /** Adds the realm's Google provider (the Trustpack one, with the demo realm's Google flows). */
    public static void addProvider(RealmResource realm) {
        standIn();
        IdentityProviderRepresentation google = new IdentityProviderRepresentation();
        google.setAlias(ALIAS);
        google.setDisplayName("Google");
        google.setProviderId("trustpack-google");
        google.setEnabled(true);
        google.setFirstBrokerLoginFlowAlias(FIRST_LOGIN_FLOW);
        google.setPostBrokerLoginFlowAlias(POST_LOGIN_FLOW);
        Map<String, String> config = new HashMap<>();
        config.put("clientId", CLIENT_ID);
        config.put("clientSecret", CLIENT_SECRET);
        config.put("syncMode", "IMPORT");
        google.setConfig(config);
        realm.identityProviders().create(google).close();
    }

    public static void removeProvider(RealmResource realm) {
        realm.identityProviders().get(ALIAS).remove();
    }
}
