package dev.trustpack.it.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration of the suite: every Trustpack jar, as packaged by this build, installed into
 * {@code providers/} of a Keycloak distribution. Test classes share it so the suite starts Keycloak once; a class
 * that needs other server options gets its own config and pays for a restart (the framework orders classes by
 * config, so each config starts once).
 *
 * <p>Besides the jars: Keycloak's file vault in {@link TestVault#DIR} (the audit webhook secrets), and the test CA
 * of {@link TestPki} in Keycloak's truststore (the TLS receivers the audit sinks deliver to).
 */
public final class TrustpackServerConfig implements KeycloakServerConfig {

    public static final String GROUP_ID = "dev.trustpack";

    /** Artifact ids of every jar the suite installs; each must be a dependency of it-tests' POM. */
    public static final String[] TRUSTPACK_ARTIFACTS = {
        "trustpack-common",
        "trustpack-tenancy",
        "trustpack-argon2",
        "trustpack-audit",
        "trustpack-mfa",
        "trustpack-google",
        "trustpack-sessions",
        "trustpack-themes",
    };

    /**
     * Loopback port of the CIBA authentication channel that {@code MfaCibaIT} runs (Keycloak's HTTP channel posts each
     * backchannel request there). CIBA stays off for every client that does not enable it.
     */
    public static final int CIBA_CHANNEL_PORT = 8097;

    /** Test-only probes (see test-providers/), installed next to the Trustpack jars. */
    public static final String TEST_PROVIDERS_ARTIFACT = "trustpack-test-providers";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        for (String artifactId : TRUSTPACK_ARTIFACTS) {
            config.dependency(GROUP_ID, artifactId);
        }
        config.dependency(GROUP_ID, TEST_PROVIDERS_ARTIFACT);
        // Keycloak's own test clock (TestClock), so session timeouts are tested in seconds; test servers only.
        config.dependency("org.keycloak.testframework", "keycloak-test-framework-remote-providers");
        return config.option("metrics-enabled", "true").option("health-enabled", "true")
                .option("vault", "file").option("vault-dir", TestVault.directory().toString())
                .option("truststore-paths", TestPki.get().caCertificatePem().toString())
                .option("spi-ciba-auth-channel--ciba-http-auth-channel--http-authentication-channel-uri",
                        "http://127.0.0.1:" + CIBA_CHANNEL_PORT + "/ciba")
                // The Google provider talks to the suite's Google stand-in (GoogleSignIn) instead of Google.
                .option("spi-social--trustpack-google--endpoint-base-url", "http://127.0.0.1:" + GoogleSignIn.PORT)
                // Tests move the shared server's clock and then act on the moved session themselves (the login page
                // says why it ended, the audit names the path that ended it): a sweep run in between would end it
                // first. The sweep is tested on servers of its own (SessionClusterIT), every few seconds.
                .option("spi-events-listener--trustpack-sessions--sweep-interval", "86400");
    }
}
