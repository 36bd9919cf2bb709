package dev.trustpack.it.support.pages;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Keycloak's security key / passkey registration page (required actions {@code webauthn-register} and
 * {@code webauthn-register-passwordless}). The browser's authenticator answers the WebAuthn call; Keycloak's script
 * then asks for a label with {@code window.prompt}, which this page object answers.
 */
public final class WebAuthnRegisterPage extends LoginPage {

    public WebAuthnRegisterPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "webauthn-register.ftl";
    }

    /** keycloak.v2's registration template writes no template marker: its button tells it. */
    @Override
    public boolean isCurrent() {
        return !browser.findElements(By.id("registerWebAuthn")).isEmpty();
    }

    public void register(String label) {
        byId("registerWebAuthn").click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.alertIsPresent());
        var prompt = browser.switchTo().alert();
        prompt.sendKeys(label);
        prompt.accept();
    }
}
