package dev.trustpack.it.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DemoRealmTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.BrowserType;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a SaaS developer does after {@code ./run.sh}: open the demo SPA (the real program from demo-app/, on
 * http://localhost:3000), sign in to acme, then to globex, and read the tenant and roles the tokens carry.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class DemoAppIT extends DemoRealmTest {

    private static final String APP = "http://localhost:3000/";

    @InjectWebDriver
    ManagedWebDriver browser;

    private Process demoApp;

    @BeforeEach
    void startDemoApp() throws Exception {
        assumeTrue(browser.getBrowserType() != BrowserType.HTML_UNIT,
                "The demo app uses WebCrypto and fetch, which HtmlUnit lacks; CI runs this in Chromium");
        Path repository = Path.of("..").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        demoApp = new ProcessBuilder(java, repository.resolve("demo-app/DemoAppServer.java").toString(), "3000",
                repository.resolve("demo-app/static").toString())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/demo-app.log"))
                .start();
        awaitUp();
        HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
    }

    @AfterEach
    void stopDemoApp() throws Exception {
        if (demoApp != null) {
            demoApp.destroy();
            demoApp.waitFor();
        }
    }

    @Test
    void signInToAcmeThenGlobexShowsEachTenantsRoles() {
        WebDriver page = browser.driver();
        page.get(APP);
        page.findElement(By.id("sign-in-acme")).click();
        HostedLogin.signIn(page, DemoRealm.CAROL, DemoRealm.PASSWORD);

        awaitText(page, "tenant", "Acme Corp (acme)");
        assertThat(page.findElement(By.id("tenant-roles")).getText()).isEqualTo("Viewer");
        assertThat(page.findElement(By.id("scope")).getText()).contains("organization:acme");
        // What the session is: how it was proven, its limits (the realm's 30 idle minutes, 10 hours) and time left.
        assertThat(page.findElement(By.id("acr")).getText()).isEqualTo("pwd");
        assertThat(page.findElement(By.id("amr")).getText()).isEqualTo("pwd");
        assertThat(page.findElement(By.id("idle-limit")).getText()).isEqualTo("30 min 00 s");
        assertThat(page.findElement(By.id("max-limit")).getText()).isEqualTo("10 h 0 min");
        assertThat(page.findElement(By.id("time-left")).getText()).matches("(29|30) min \\d\\d s");
        // acme's branding, from the stylesheet its login pages use.
        assertThat(page.findElement(By.id("brand-name")).getText()).isEqualTo("Acme Corp");
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> "#c2410c".equals(((org.openqa.selenium.JavascriptExecutor)
                driver).executeScript("return getComputedStyle(document.documentElement)"
                + ".getPropertyValue('--trustpack-accent').trim();")));

        page.findElement(By.id("sign-in-globex")).click();
        awaitText(page, "tenant", "Globex Corporation (globex)");
        assertThat(page.findElement(By.id("tenant-roles")).getText()).isEqualTo("Admin");

        page.findElement(By.id("refresh")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.id("status"), "Refreshed."));
        assertThat(page.findElement(By.id("tenant")).getText()).isEqualTo("Globex Corporation (globex)");
        assertThat(page.findElement(By.id("tenant-roles")).getText()).isEqualTo("Admin");

        // Signing out goes through Keycloak's end-session endpoint: the SSO session ends, the app is back at the start.
        page.findElement(By.id("sign-out")).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(driver -> driver.getCurrentUrl().startsWith(APP)
                && !driver.findElement(By.id("summary")).isDisplayed());
        String carol = demo.admin().users().searchByUsername(DemoRealm.CAROL, true).get(0).getId();
        assertThat(demo.admin().users().get(carol).getUserSessions()).isEmpty();
    }

    /** Waits (through the redirects to Keycloak and back) until the element shows the expected text. */
    private static void awaitText(WebDriver page, String id, String expected) {
        new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id(id), expected));
    }

    private static void awaitUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(APP)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Demo app did not start on " + APP);
    }
}
