package dev.trustpack.it.support.pages;

import org.openqa.selenium.WebDriver;

/** Keycloak's grant page ("Do you grant these access privileges?"), which the device flow always shows. */
public final class ConsentPage extends LoginPage {

    public ConsentPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "login-oauth-grant.ftl";
    }

    /** keycloak.v2's grant template writes no template marker: its form id tells it. */
    @Override
    public boolean isCurrent() {
        return !browser.findElements(org.openqa.selenium.By.id("kc-oauth")).isEmpty();
    }

    public void accept() {
        byId("kc-login").click();
    }
}
