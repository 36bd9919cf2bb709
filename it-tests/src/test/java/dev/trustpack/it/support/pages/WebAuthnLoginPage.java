package dev.trustpack.it.support.pages;

import org.openqa.selenium.WebDriver;

/** Keycloak's "use your security key / passkey" page (WebAuthn authenticators). */
public final class WebAuthnLoginPage extends LoginPage {

    public WebAuthnLoginPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "webauthn-authenticate.ftl";
    }

    public void authenticate() {
        byId("authenticateWebAuthnButton").click();
    }
}
