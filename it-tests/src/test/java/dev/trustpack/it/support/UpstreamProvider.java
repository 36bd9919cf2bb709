package dev.trustpack.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * An outside OpenID provider for broker tests: a second realm of the same Keycloak ({@value #REALM}), with a client
 * for the demo realm's broker and users of its own, registered in the demo realm as the OIDC identity provider
 * {@value #ALIAS}. {@link #remove()} takes both away.
 */
public final class UpstreamProvider {

    public static final String REALM = "it-upstream";
    public static final String ALIAS = "upstream";
    public static final String PASSWORD = "upstream-" + UUID.randomUUID();

    private static final String BROKER_CLIENT = "trustpack-demo-broker";
    private static final String BROKER_SECRET = UUID.randomUUID().toString();

    private final Keycloak admin;
    private final RealmResource demo;
    private final String issuer;

    /**
     * @param demoRealmUrl the demo realm's URL (also its issuer)
     * @param identityProviderConfig extra identity-provider settings (post-login flow, JWT authorization grant...)
     */
    public UpstreamProvider(Keycloak admin, RealmResource demo, String demoRealmUrl,
                            Map<String, String> identityProviderConfig, String postBrokerLoginFlow) {
        this.admin = admin;
        this.demo = demo;
        this.issuer = demoRealmUrl.replace("/realms/" + DemoRealm.NAME, "/realms/" + REALM);
        RealmRepresentation upstream = new RealmRepresentation();
        upstream.setRealm(REALM);
        upstream.setEnabled(true);
        ClientRepresentation broker = new ClientRepresentation();
        broker.setClientId(BROKER_CLIENT);
        broker.setSecret(BROKER_SECRET);
        broker.setPublicClient(false);
        broker.setDirectAccessGrantsEnabled(true);
        // No role scopes: its access tokens then name one audience, the demo realm (an assertion must).
        broker.setFullScopeAllowed(false);
        broker.setRedirectUris(List.of(demoRealmUrl + "/broker/" + ALIAS + "/endpoint"));
        // Its tokens may serve as JWT authorization grant assertions for the demo realm.
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("audience: demo realm");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.custom.audience", demoRealmUrl, "access.token.claim", "true"));
        broker.setProtocolMappers(List.of(audience));
        upstream.setClients(List.of(broker));
        admin.realms().create(upstream);

        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(ALIAS);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setPostBrokerLoginFlowAlias(postBrokerLoginFlow);
        Map<String, String> config = new HashMap<>();
        config.put("clientId", BROKER_CLIENT);
        config.put("clientSecret", BROKER_SECRET);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("issuer", issuer);
        config.put("authorizationUrl", issuer + "/protocol/openid-connect/auth");
        config.put("tokenUrl", issuer + "/protocol/openid-connect/token");
        config.put("jwksUrl", issuer + "/protocol/openid-connect/certs");
        config.put("useJwksUrl", "true");
        config.put("validateSignature", "true");
        config.put("defaultScope", "openid profile email");
        config.put("syncMode", "IMPORT");
        config.putAll(identityProviderConfig);
        idp.setConfig(config);
        demo.identityProviders().create(idp).close();
    }

    public String issuer() {
        return issuer;
    }

    /** A user of the upstream provider (username {@code upstream-<random>}); returns the username. */
    public String createUser() {
        String username = "upstream-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@upstream.example");
        user.setEmailVerified(true);
        user.setFirstName("Upstream");
        user.setLastName("User");
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response created = admin.realm(REALM).users().create(user)) {
            if (created.getStatus() != 201) {
                throw new IllegalStateException("upstream user: " + created.getStatus());
            }
        }
        return username;
    }

    public String userId(String username) {
        return admin.realm(REALM).users().searchByUsername(username, true).get(0).getId();
    }

    /** An access token the upstream provider issues to its broker client for the user (password grant). */
    public RelyingParty.TokenResponse token(String username) throws Exception {
        try (RelyingParty client = RelyingParty.confidentialClient(issuer, BROKER_CLIENT, BROKER_SECRET)) {
            return client.passwordGrant(username, PASSWORD, "openid");
        }
    }

    public void remove() {
        demo.identityProviders().get(ALIAS).remove();
        admin.realm(REALM).remove();
        demo.users().search("upstream-", 0, 100).forEach(u -> demo.users().delete(u.getId()).close());
    }
}
