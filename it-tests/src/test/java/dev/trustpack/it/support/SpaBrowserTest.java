package dev.trustpack.it.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectEvents;
import org.keycloak.testframework.events.Events;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * Base of browser tests through the demo SPA client: a browser without Keycloak cookies, the demo SPA as a relying
 * party on loopback, and the realm's user events.
 */
public abstract class SpaBrowserTest extends DemoRealmTest {

    @InjectWebDriver
    protected ManagedWebDriver browser;

    @InjectEvents(realmRef = "demo")
    protected Events events;

    protected RelyingParty spa;

    @BeforeEach
    void startSpa() throws Exception {
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
    }

    @AfterEach
    void stopSpa() {
        spa.close();
    }
}
