package dev.trustpack.argon2.login;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.PasswordForm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.validation.Validation;

/**
 * Keycloak's {@code PasswordForm} whose password check knows one outcome more: "the server is busy hashing, try
 * again" ({@link BusyPasswordCheck#validateOnForm}), shown on the form and never counted as a failed login.
 */
final class TrustpackPasswordForm extends PasswordForm implements BusyPasswordCheck.LoginForm {

    TrustpackPasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public boolean validatePassword(AuthenticationFlowContext context, UserModel user,
                                    MultivaluedMap<String, String> inputData, boolean clearUser) {
        return BusyPasswordCheck.validateOnForm(this, context, user, inputData, clearUser);
    }

    @Override
    public boolean keycloakValidatePassword(AuthenticationFlowContext context, UserModel user,
                                            MultivaluedMap<String, String> inputData, boolean clearUser) {
        return super.validatePassword(context, user, inputData, clearUser);
    }

    @Override
    public boolean disabledByBruteForce(AuthenticationFlowContext context, UserModel user) {
        return isDisabledByBruteForce(context, user);
    }

    @Override
    public Response passwordChallenge(AuthenticationFlowContext context, String message) {
        return challenge(context, message, Validation.FIELD_PASSWORD);
    }

    @Override
    public String invalidCredentialsMessage(AuthenticationFlowContext context) {
        return getDefaultChallengeMessage(context);
    }
}
