package dev.trustpack.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.SpiInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** The server the suite runs is Keycloak 26.7.3 with the Trustpack jars this build packaged. */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class ServerInfoIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void serverIsThePinnedKeycloakVersion() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();
        assertThat(info.getSystemInfo().getVersion()).isEqualTo(System.getProperty("trustpack.keycloak.version"));
    }

    @Test
    void trustpackLoginThemeIsInstalled() {
        List<ThemeInfoRepresentation> loginThemes = admin.serverInfo().getInfo().getThemes().get("login");
        assertThat(loginThemes).extracting(ThemeInfoRepresentation::getName).contains("trustpack", "keycloak.v2");
    }

    /**
     * Every provider factory that a Trustpack jar registers (its META-INF/services files) is loaded by the server,
     * and those that report server info report the Trustpack version they were built as.
     */
    @Test
    void everyRegisteredTrustpackProviderIsLoaded() throws Exception {
        List<String> factoryIds = trustpackFactoryIds();
        assertThat(factoryIds).as("Trustpack provider factories on the test classpath").isNotEmpty();

        Map<String, SpiInfoRepresentation> providers = admin.serverInfo().getInfo().getProviders();
        Set<String> loaded = new HashSet<>();
        providers.values().forEach(spi -> loaded.addAll(spi.getProviders().keySet()));
        assertThat(loaded).containsAll(factoryIds);

        ProviderRepresentation tenancy = providers.get("trustpack-tenancy").getProviders().get("default");
        assertThat(tenancy.getOperationalInfo()).containsKey("trustpack-version")
                .containsEntry("roles", "Owner,Admin,Manager,Viewer");
        ProviderRepresentation audit = providers.get("eventsListener").getProviders().get("trustpack-audit");
        assertThat(audit.getOperationalInfo()).containsKey("trustpack-version").containsEntry("retention-days", "365");
        // The host may have its own libargon2 (Debian's libargon2-1): the one hashing passwords is still the jar's.
        ProviderRepresentation argon2 = providers.get("password-hashing").getProviders().get("trustpack-argon2id");
        assertThat(argon2.getOperationalInfo()).containsKey("trustpack-version")
                .containsEntry("native-library-bundled", "true");
        assertThat(argon2.getOperationalInfo().get("native-library"))
                .matches(path -> path.contains("/trustpack-argon2-") && path.endsWith("/libargon2.so"), "the bundled copy");
    }

    /** Ids of the factories listed in the services files of the Trustpack jars (SPI definitions excluded). */
    private static List<String> trustpackFactoryIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String service : List.of("org.keycloak.authentication.AuthenticatorFactory",
                "org.keycloak.protocol.ProtocolMapper",
                "org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory",
                "dev.trustpack.common.admin.TrustpackAdminResourceProviderFactory",
                "dev.trustpack.tenancy.TenancyProviderFactory",
                "org.keycloak.events.EventListenerProviderFactory",
                "org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory",
                "dev.trustpack.audit.sink.AuditSinkFactory",
                "dev.trustpack.common.audit.AuditRecorderFactory",
                "org.keycloak.authentication.RequiredActionFactory",
                "org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory",
                "dev.trustpack.tenancy.policy.PolicySectionFactory",
                "dev.trustpack.tenancy.admin.TenantResourceProviderFactory")) {
            for (URL file : Collections.list(ServerInfoIT.class.getClassLoader().getResources("META-INF/services/" + service))) {
                if (!file.toString().contains("trustpack-")) {
                    continue;
                }
                for (String className : lines(file)) {
                    ProviderFactory<?> factory = (ProviderFactory<?>) Class.forName(className).getDeclaredConstructor()
                            .newInstance();
                    ids.add(factory.getId());
                }
            }
        }
        return ids;
    }

    private static List<String> lines(URL file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(trimmed);
                }
            }
        }
        return lines;
    }
}
