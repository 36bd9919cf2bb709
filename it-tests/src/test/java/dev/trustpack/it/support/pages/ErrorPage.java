package dev.trustpack.it.support.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Keycloak's error page (base theme {@code error.ftl}, which writes no template marker). */
public final class ErrorPage extends LoginPage {

    public ErrorPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "error.ftl";
    }

    @Override
    public boolean isCurrent() {
        return !browser.findElements(By.id("kc-error-message")).isEmpty();
    }

    public String message() {
        return byId("kc-error-message").getText().strip();
    }
}
