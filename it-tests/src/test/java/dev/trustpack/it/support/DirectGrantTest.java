package dev.trustpack.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.realm.ManagedClient;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * Base of tests that get user tokens quickly with the password grant (through the test client
 * {@link TestClients.DirectGrant}, added to the demo realm for the class) and call Trustpack's admin REST API.
 */
public abstract class DirectGrantTest extends DemoRealmTest {

    @InjectClient(ref = "direct-grant", realmRef = "demo", config = TestClients.DirectGrant.class)
    protected ManagedClient directGrantClient;

    @InjectKeycloakUrls
    protected KeycloakUrls urls;

    /** The direct-grant test client as a relying party. */
    protected RelyingParty client;

    /** Trustpack's admin API as the master realm's administrator. */
    protected TrustpackAdminApi realmAdmin;

    @BeforeEach
    void startDirectGrantClient() throws Exception {
        client = RelyingParty.confidentialClient(demo.getBaseUrl(), TestClients.DirectGrant.CLIENT_ID,
                TestClients.DirectGrant.SECRET);
        realmAdmin = new TrustpackAdminApi(urls.getBase(), DemoRealm.NAME, admin.tokenManager()::getAccessTokenString);
    }

    @AfterEach
    void stopDirectGrantClient() {
        client.close();
    }

    /** Trustpack's admin API with a demo user's own access token (as a tenant admin's tool would call it). */
    protected TrustpackAdminApi apiAs(String username, String scope) throws Exception {
        RelyingParty.TokenResponse tokens = client.passwordGrant(username, DemoRealm.PASSWORD, scope);
        assertThat(tokens.status()).as("token for %s: %s", username, tokens.body()).isEqualTo(200);
        return new TrustpackAdminApi(urls.getBase(), DemoRealm.NAME, tokens.accessToken());
    }
}
