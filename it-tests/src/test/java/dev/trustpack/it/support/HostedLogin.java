package dev.trustpack.it.support;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The hosted login page (theme "trustpack", a keycloak.v2 child), driven as a user would. */
public final class HostedLogin {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

    private HostedLogin() {
    }

    /**
     * Types the username and password and submits. Handles both the one-page form and the identity-first form that
     * Keycloak shows when Organizations are enabled (username first, then password).
     */
    public static void signIn(WebDriver browser, String username, String password) {
        waitFor(browser, By.id("username")).sendKeys(username);
        if (!hasElement(browser, "password")) {
            browser.findElement(By.id("kc-login")).click();
            waitFor(browser, By.id("password"));
        }
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    /** On the identity-first username page: types the username (or email) and continues. */
    public static void enterUsername(WebDriver browser, String username) {
        waitFor(browser, By.id("username")).sendKeys(username);
        browser.findElement(By.id("kc-login")).click();
    }

    /** On the tenant picker (a user in several tenants who asked for none), picks the tenant by alias. */
    public static void chooseTenant(WebDriver browser, String alias) {
        waitFor(browser, By.id("trustpack-select-tenant-form"));
        browser.findElement(By.id("tenant-" + alias)).click();
    }

    public static boolean isTenantPicker(WebDriver browser) {
        return browser.getPageSource().contains("trustpack-select-tenant-form");
    }

    /**
     * The field error shown on the login form, such as "Invalid username or password." (keycloak.v2 names it
     * {@code input-error-username} on the one-page form, {@code input-error-password} on the identity-first one).
     */
    public static String inputError(WebDriver browser) {
        return waitFor(browser, By.cssSelector("#input-error-username, #input-error-password")).getText().strip();
    }

    /** Drops the browser's SSO cookies for a realm, so the next authorization request shows the login page. */
    public static void forgetSession(WebDriver browser, String realmUrl) {
        browser.get(realmUrl + "/");
        browser.manage().deleteAllCookies();
    }

    public static WebElement waitFor(WebDriver browser, By locator) {
        return new WebDriverWait(browser, PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private static boolean hasElement(WebDriver browser, String id) {
        return browser.getPageSource().contains("id=\"" + id + "\"");
    }
}
