package dev.trustpack.it.support.pages;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page of the hosted login, recognised by the template Keycloak renders it with (every keycloak.v2 and Trustpack
 * template writes {@code <!-- template: name.ftl -->} into the page).
 */
public abstract class LoginPage {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

    protected final WebDriver browser;

    protected LoginPage(WebDriver browser) {
        this.browser = browser;
    }

    /** The template that renders this page. */
    public abstract String getExpectedPageId();

    public boolean isCurrent() {
        return browser.getPageSource().contains("template: " + getExpectedPageId());
    }

    /** Waits until the browser shows this page; fails naming the page it shows instead. */
    public void assertCurrent() {
        try {
            new WebDriverWait(browser, PAGE_WAIT).until(driver -> isCurrent());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Expected page " + getExpectedPageId() + " but the browser shows "
                    + shownTemplate() + " at " + browser.getCurrentUrl(), e);
        }
    }

    /** The error text keycloak.v2 shows for a field or the page, or an empty string. */
    public String error() {
        return browser.findElements(By.cssSelector(".pf-v5-c-helper-text__item-text, .pf-v5-c-alert__title, #input-error"))
                .stream().map(WebElement::getText).filter(text -> !text.isBlank()).findFirst().orElse("").strip();
    }

    protected WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private String shownTemplate() {
        java.util.regex.Matcher matcher = TEMPLATE.matcher(browser.getPageSource());
        return matcher.find() ? matcher.group(1) : "(no template marker)";
    }

    private static final java.util.regex.Pattern TEMPLATE = java.util.regex.Pattern.compile("template: ([\\w.-]+)");
}
