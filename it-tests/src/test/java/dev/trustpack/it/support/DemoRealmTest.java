package dev.trustpack.it.support;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Base of test classes that work on the demo realm. The realm is created once for the whole suite (GLOBAL) from the
 * same JSON that run.sh imports, so tests that change it must undo their changes or use data of their own.
 * Concrete classes add {@code @KeycloakIntegrationTest(config = TrustpackServerConfig.class)} (not inherited).
 */
public abstract class DemoRealmTest {

    @InjectRealm(ref = "demo", config = DemoRealm.class, lifecycle = LifeCycle.GLOBAL)
    protected ManagedRealm demo;

    @InjectAdminClient
    protected Keycloak admin;
}
