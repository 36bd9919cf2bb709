package dev.trustpack.it.support.pages;

import org.openqa.selenium.WebDriver;

/** Keycloak's "Delete ...?" confirmation of the {@code delete_credential} action the account console starts. */
public final class DeleteCredentialPage extends LoginPage {

    public DeleteCredentialPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "delete-credential.ftl";
    }

    public void confirm() {
        byId("kc-accept").click();
    }
}
