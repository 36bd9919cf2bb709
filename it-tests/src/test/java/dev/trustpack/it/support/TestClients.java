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

    /**
     * A confidential client that may use the password grant (the demo realm's clients may not). The tenancy and audit
     * tests sign alice (acme Owner, whose policy requires MFA) in through it, so it is marked as a legacy client exempt
     * from MFA, as a realm admin would mark an old integration; {@code MfaDirectGrantIT} proves that a client without
     * the mark is refused and that each use of the exemption is audited.
     */
    public static final class DirectGrant implements ClientConfig {

        public static final String CLIENT_ID = "it-direct-grant";
        public static final String SECRET = UUID.randomUUID().toString();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return passwordGrant(client, CLIENT_ID, SECRET)
                    .attribute(MFA_LEGACY_EXEMPT, "true")
                    .protocolMappers(tenantClaims());
        }
    }

    /** Client attribute of a legacy client exempt from MFA in password grants (set by a realm admin). */
    public static final String MFA_LEGACY_EXEMPT = "trustpack.mfa.legacy-exempt";

    /** The password-grant client an up-to-date integration would be: no MFA exemption. */
    public static final class StrictDirectGrant implements ClientConfig {

        public static final String CLIENT_ID = "it-direct-grant-strict";
        public static final String SECRET = UUID.randomUUID().toString();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return passwordGrant(client, CLIENT_ID, SECRET).protocolMappers(tenantClaims(), mfaClaims());
        }
    }

    /** A confidential client that may use the password grant. */
    public static ClientBuilder passwordGrant(ClientBuilder client, String clientId, String secret) {
        return client.clientId(clientId).secret(secret).publicClient(false).directAccessGrantsEnabled()
                .redirectUris("http://127.0.0.1/*");
    }

    /** Trustpack's acr/amr mapper, as the demo realm's clients have it. */
    public static ProtocolMapperRepresentation mfaClaims() {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("trustpack acr and amr");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("trustpack-mfa-claims");
        mapper.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true",
                "userinfo.token.claim", "true", "introspection.token.claim", "true"));
        return mapper;
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
