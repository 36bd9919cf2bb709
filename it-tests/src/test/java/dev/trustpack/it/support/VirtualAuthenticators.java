package dev.trustpack.it.support;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Chromium's virtual WebAuthn authenticator (WebDriver's virtual authenticator extension): a real CTAP2 device as far
 * as the page and Keycloak can tell, with a resident-key store for passkeys and user verification that succeeds.
 */
public final class VirtualAuthenticators {

    private VirtualAuthenticators() {
    }

    /** Adds an authenticator to the browser; remove it with {@link #remove} when the test ends. */
    public static VirtualAuthenticator add(WebDriver browser) {
        if (!(browser instanceof HasVirtualAuthenticator virtual)) {
            throw new IllegalStateException("This browser has no virtual authenticator (WebAuthn tests need Chromium): "
                    + browser.getClass().getName());
        }
        VirtualAuthenticatorOptions options = new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true);
        return virtual.addVirtualAuthenticator(options);
    }

    public static void remove(WebDriver browser, VirtualAuthenticator authenticator) {
        if (authenticator != null && browser instanceof HasVirtualAuthenticator virtual) {
            virtual.removeVirtualAuthenticator(authenticator);
        }
    }
}
