package dev.trustpack.it.support;

import java.util.Comparator;
import java.util.Optional;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * Runs the test classes grouped by their server configuration, so classes that share a server run one after another
 * and the server starts once per configuration. Classes without {@link KeycloakIntegrationTest} (they start their own
 * servers, or none) come first. The test framework's {@code ServerConfigClassOrderer} means the same but its comparison
 * is not a total order once such classes are present, and the sort then fails before any test runs.
 */
public final class ServerConfigOrder implements ClassOrderer {

    private static final Comparator<ClassDescriptor> ORDER = Comparator
            .comparing((ClassDescriptor descriptor) -> config(descriptor).orElse(""))
            .thenComparing(descriptor -> descriptor.getTestClass().getName());

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(ORDER);
    }

    private static Optional<String> config(ClassDescriptor descriptor) {
        return descriptor.findAnnotation(KeycloakIntegrationTest.class).map(test -> test.config().getName());
    }
}
