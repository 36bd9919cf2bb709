package dev.trustpack.it.support;

import java.util.Map;
import java.util.UUID;

import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.ClientConfig;

/** Clients that tests add to the demo realm next to its own, with the Trustpack tenant mapper. */
public final class TestClients {

    private TestClients() {
    }

    /** A confidential client that may use the password grant (the demo realm's clients may not). */
    public static final class DirectGrant implements ClientConfig {

        public static final String CLIENT_ID = "it-direct-grant";
        public static final String SECRET = UUID.randomUUID().toString();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return client.clientId(CLIENT_ID)
                    .secret(SECRET)
                    .publicClient(false)
                    .directAccessGrantsEnabled()
                    .redirectUris("http://127.0.0.1/*")
                    .protocolMappers(tenantClaims());
        }
    }

    public static ProtocolMapperRepresentation tenantClaims() {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("trustpack tenant claims");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("trustpack-tenant-claims");
        mapper.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true",
                "userinfo.token.claim", "true", "introspection.token.claim", "true"));
        return mapper;
    }

    /** Keycloak's own user-attribute mapper, as an admin might misconfigure it: a user attribute into a claim. */
    public static ProtocolMapperRepresentation userAttribute(String attribute, String claim, String jsonType) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("user attribute " + attribute + " as " + claim);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-usermodel-attribute-mapper");
        mapper.setConfig(Map.of("user.attribute", attribute, "claim.name", claim, "jsonType.label", jsonType,
                "multivalued", "true", "access.token.claim", "true", "id.token.claim", "true",
                "userinfo.token.claim", "true", "introspection.token.claim", "true"));
        return mapper;
    }
}
