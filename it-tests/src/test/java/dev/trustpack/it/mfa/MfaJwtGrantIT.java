package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.UpstreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.ClientConfig;
import org.keycloak.testframework.realm.ManagedClient;

/**
 * The JWT authorization grant (RFC 7523) makes a session from an assertion an outside provider signed — here an
 * access token of a second realm, registered as identity provider with the grant enabled. No login flow runs; the
 * token guard refuses the token for a user whose policy requires MFA.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaJwtGrantIT extends DirectGrantTest {

    @InjectClient(ref = "jwt-grant", realmRef = "demo", config = JwtGrantClient.class)
    ManagedClient jwtGrantClient;

    private UpstreamProvider upstream;
    private TestTenants tenants;
    private String localUserId;

    @BeforeEach
    void upstreamProvider() {
        tenants = new TestTenants(demo.admin());
        upstream = new UpstreamProvider(admin, demo.admin(), demo.getBaseUrl(),
                Map.of("jwtAuthorizationGrantEnabled", "true"), null);
    }

    @AfterEach
    void removeUpstream() {
        upstream.remove();
        if (localUserId != null) {
            demo.admin().users().delete(localUserId).close();
        }
        tenants.removeAll();
    }

    @Test
    void anAssertionForAUserWhosePolicyRequiresMfaGetsNoToken() throws Exception {
        String alias = tenants.create("jwt", Map.of("trustpack.policy.mfa.require", "required",
                "trustpack.policy.mfa.graceDays", "0"));
        String upstreamUser = linkedUser();
        Reply added = realmAdmin.put("/tenants/" + alias + "/members/" + localUserId, "{}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        TokenResponse refused = jwtGrant(upstreamUser);

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorDescription()).contains("Multi-factor authentication is required");
    }

    @Test
    void anAssertionForAUserWithoutAnMfaRequirementGetsItsToken() throws Exception {
        String upstreamUser = linkedUser();

        TokenResponse tokens = jwtGrant(upstreamUser);

        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        assertThat(tokens.accessToken()).isNotBlank();
    }

    /** An upstream user, and a demo-realm user linked to them (as a first broker login would have linked them). */
    private String linkedUser() {
        String upstreamUser = upstream.createUser();
        TestUsers.TestUser local = TestUsers.create(demo.admin(), "linked", "example.org");
        localUserId = local.id();
        FederatedIdentityRepresentation link = new FederatedIdentityRepresentation();
        link.setIdentityProvider(UpstreamProvider.ALIAS);
        link.setUserId(upstream.userId(upstreamUser));
        link.setUserName(upstreamUser);
        demo.admin().users().get(localUserId).addFederatedIdentity(UpstreamProvider.ALIAS, link).close();
        return upstreamUser;
    }

    private TokenResponse jwtGrant(String upstreamUser) throws Exception {
        TokenResponse assertion = upstream.token(upstreamUser);
        assertThat(assertion.status()).as("upstream token: %s", assertion.body()).isEqualTo(200);
        try (RelyingParty client = RelyingParty.confidentialClient(demo.getBaseUrl(), JwtGrantClient.CLIENT_ID,
                JwtGrantClient.SECRET)) {
            return client.jwtAuthorizationGrant(assertion.accessToken(), "openid");
        }
    }

    /** A confidential client allowed the JWT authorization grant with assertions of the upstream provider. */
    public static final class JwtGrantClient implements ClientConfig {

        static final String CLIENT_ID = "it-jwt-grant";
        static final String SECRET = UUID.randomUUID().toString();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return client.clientId(CLIENT_ID).secret(SECRET).publicClient(false)
                    .attribute("oauth2.jwt.authorization.grant.enabled", "true")
                    .attribute("oauth2.jwt.authorization.grant.idp", UpstreamProvider.ALIAS);
        }
    }
}
