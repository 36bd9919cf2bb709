package dev.trustpack.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The deployment files cannot be built here (no container engine), so at least their pins are checked: the image
 * must run the Keycloak version that the suite tests.
 */
class DeploymentFilesIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void dockerfileBuildsTheKeycloakVersionThePomPins() throws IOException {
        String dockerfile = Files.readString(REPOSITORY.resolve("docker/Dockerfile"));
        Matcher pin = Pattern.compile("(?m)^ARG KEYCLOAK_VERSION=(\\S+)$").matcher(dockerfile);
        assertThat(pin.find()).as("ARG KEYCLOAK_VERSION in docker/Dockerfile").isTrue();
        assertThat(pin.group(1)).isEqualTo(System.getProperty("trustpack.keycloak.version"));
        assertThat(dockerfile).contains("FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}");
    }
}
