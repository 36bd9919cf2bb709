package dev.trustpack.it.support.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * What every page of the {@code trustpack} theme shows around its form: the header (the realm's name and logo, or the
 * tenant's once the user signed in to it), the footer's statements and the stylesheets that dress the page.
 */
public final class PageFrame {

    private final WebDriver browser;

    public PageFrame(WebDriver browser) {
        this.browser = browser;
    }

    /** The header's markup, as the page renders it. */
    public String headerHtml() {
        return browser.findElement(By.id("kc-header-wrapper")).getAttribute("innerHTML").strip();
    }

    /** The tenant name in the header, or an empty string where the realm's branding shows. */
    public String tenantName() {
        return browser.findElements(By.cssSelector("#kc-header-wrapper .trustpack-tenant-name")).stream()
                .map(WebElement::getText).findFirst().orElse("").strip();
    }

    public String title() {
        return browser.getTitle();
    }

    /** The footer's statements of what is enforced, in page order. */
    public List<String> facts() {
        return browser.findElements(By.cssSelector("#trustpack-facts li")).stream().map(WebElement::getText)
                .map(String::strip).toList();
    }

    public String footer() {
        return browser.findElement(By.id("trustpack-footer")).getText().strip();
    }

    /** Every stylesheet the page links. */
    public List<String> stylesheets() {
        return browser.findElements(By.cssSelector("link[rel=stylesheet]")).stream()
                .map(link -> link.getAttribute("href")).toList();
    }

    /** The accent colour the page's CSS resolves (the realm's teal unless a tenant's sheet sets one). */
    public String accent() {
        return css("getComputedStyle(document.documentElement).getPropertyValue('--trustpack-accent')");
    }

    /** The header logo's background image, or an empty string. */
    public String tenantLogo() {
        return css("(function(){var e=document.querySelector('.trustpack-tenant-logo');"
                + "return e ? getComputedStyle(e).backgroundImage : '';})()");
    }

    /** The language the page declares. */
    public String language() {
        return browser.findElement(By.tagName("html")).getAttribute("lang");
    }

    private String css(String expression) {
        Object value = ((JavascriptExecutor) browser).executeScript("return " + expression + ";");
        return value == null ? "" : value.toString().strip();
    }
}
