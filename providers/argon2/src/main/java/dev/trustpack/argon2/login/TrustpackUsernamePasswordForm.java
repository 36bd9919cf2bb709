package dev.trustpack.argon2.login;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.validation.Validation;

/**
 * Keycloak's {@code UsernamePasswordForm} whose password check knows one outcome more: "the server is busy hashing, try
 * again" (see {@link BusyPasswordCheck}), shown on the form and never counted as a failed login.
 */
final class TrustpackUsernamePasswordForm extends UsernamePasswordForm {

    TrustpackUsernamePasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public boolean validatePassword(AuthenticationFlowContext context, UserModel user,
                                    MultivaluedMap<String, String> inputData, boolean clearUser) {
        String password = BusyPasswordCheck.password(inputData);
        if (password == null || password.isEmpty()) {
            // Nothing is hashed: Keycloak's own handling.
            return super.validatePassword(context, user, inputData, clearUser);
        }
        if (isDisabledByBruteForce(context, user)) {
            return false;
        }
        switch (BusyPasswordCheck.check(context, user, password)) {
            case VALID:
                return true;
            case BUSY:
                BusyPasswordCheck.recordBusy(context, user);
                context.forceChallenge(challenge(context, BusyPasswordCheck.MESSAGE, Validation.FIELD_PASSWORD));
                break;
            default:
                BusyPasswordCheck.setUpReauthentication(context);
                BusyPasswordCheck.wrongPassword(context, user, clearUser,
                        challenge(context, getDefaultChallengeMessage(context), Validation.FIELD_PASSWORD));
                return false;
        }
        if (clearUser) {
            context.clearUser();
        }
        return false;
    }
}
