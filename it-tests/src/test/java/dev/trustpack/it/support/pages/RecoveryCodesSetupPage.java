package dev.trustpack.it.support.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Keycloak's recovery-codes page (required action CONFIGURE_RECOVERY_AUTHN_CODES). */
public final class RecoveryCodesSetupPage extends LoginPage {

    public RecoveryCodesSetupPage(WebDriver browser) {
        super(browser);
    }

    @Override
    public String getExpectedPageId() {
        return "login-recovery-authn-code-config.ftl";
    }

    /** The codes as shown (XXXX-XXXX-XXXX), in order. */
    public List<String> codes() {
        return browser.findElements(By.cssSelector("#kc-recovery-codes-list li")).stream()
                .map(li -> li.getText().strip()).toList();
    }

    /** Confirms the codes if the page comes (it does when the realm offers recovery codes). */
    public void confirmSavedWhenShown() {
        assertCurrent();
        confirmSaved();
    }

    public void confirmSaved() {
        byId("kcRecoveryCodesConfirmationCheck").click();
        byId("saveRecoveryAuthnCodesBtn").click();
    }
}
