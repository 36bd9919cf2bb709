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

    /** Presses a button the way a keyboard user does: focus, then Enter. */
    public void setUpWithKeyboard(String factor) {
        WebElement button = byId("setup-" + factor);
        button.sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** If the page shows (a user in a grace period), postpones; tests about other things use it. */
    public static void postponeIfShown(WebDriver browser) {
        MfaSetupPage page = new MfaSetupPage(browser);
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(5))
                    .until(driver -> page.isCurrent() || !driver.getCurrentUrl().contains("/login-actions/"));
        } catch (org.openqa.selenium.TimeoutException e) {
            return;
        }
        if (page.isCurrent() && page.canPostpone()) {
            page.postpone();
        }
    }
}
