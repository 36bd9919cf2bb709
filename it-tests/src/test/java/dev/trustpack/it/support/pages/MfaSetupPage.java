package dev.trustpack.it.support.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Trustpack's "Set up a second factor" page: the factors allowed, the grace notice, and "Later" when allowed. */
public final class MfaSetupPage extends LoginPage {

    public MfaSetupPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "trustpack-mfa-setup.ftl";
    }

    /** The sentence naming the rule that asks for a second factor (the application, or a policy level). */
    public String rule() {
        return byId("trustpack-mfa-rule").getText().strip();
    }

    /** The notice above the choices (days left, or why it is required). */
    public String notice() {
        return byId("trustpack-mfa-setup-help").getText().strip();
    }

    /** Factor ids offered, in page order (totp, webauthn, passkey). */
    public List<String> factors() {
        return browser.findElements(By.cssSelector("#trustpack-mfa-factors button")).stream()
                .map(button -> button.getAttribute("value")).toList();
    }

    public boolean canPostpone() {
        return !browser.findElements(By.id("trustpack-mfa-later")).isEmpty();
    }

    public void postpone() {
        byId("trustpack-mfa-later").click();
    }

    public void setUp(String factor) {
        byId("setup-" + factor).click();
    }

    /** Chooses a factor with the keyboard: its button focused, then Enter (no click). */
    public void setUpWithKeyboard(String factor) {
        WebElement button = byId("setup-" + factor);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].focus()", button);
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /**
     * For tests about other things: once the browser has left the password form (and the tenant picker), postpones
     * MFA set-up if Trustpack offers it (a grace period, or a tenant that recommends MFA); otherwise does nothing.
     */
    public static void postponeIfShown(WebDriver browser) {
        MfaSetupPage page = new MfaSetupPage(browser);
        String keycloak = origin(browser.getCurrentUrl());
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                    .until(driver -> page.isCurrent() || !driver.getCurrentUrl().startsWith(keycloak)
                            || (driver.findElements(By.id("password")).isEmpty()
                            && driver.findElements(By.id("trustpack-select-tenant-form")).isEmpty()));
        } catch (org.openqa.selenium.TimeoutException e) {
            return;
        }
        if (page.isCurrent() && page.canPostpone()) {
            page.postpone();
        }
    }

    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority() + "/";
    }
}
