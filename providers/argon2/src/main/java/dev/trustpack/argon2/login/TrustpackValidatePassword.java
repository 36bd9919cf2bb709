package dev.trustpack.argon2.login;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.directgrant.ValidatePassword;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;

/**
 * Takes the place of Keycloak's direct-grant password check {@code direct-grant-validate-password} (same id, higher
 * {@link #order()}): the same answers, plus 503 {@code temporarily_unavailable} with {@code Retry-After} when the
 * password could not be checked for lack of hashing budget, which brute-force detection does not count.
 */
public final class TrustpackValidatePassword extends ValidatePassword {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String password = retrievePassword(context);
        switch (BusyPasswordCheck.check(context, user, password)) {
            case VALID -> context.success(BusyPasswordCheck.PASSWORD_CATEGORY);
            case BUSY -> {
                BusyPasswordCheck.recordBusy(context, user);
                context.forceChallenge(BusyPasswordCheck.tokenEndpointAnswer(context));
            }
            default -> {
                context.getEvent().user(user).error(Errors.INVALID_USER_CREDENTIALS);
                context.failure(AuthenticationFlowError.INVALID_USER,
                        errorResponse(400, "invalid_grant", "Invalid user credentials"));
            }
        }
    }

    @Override
    public int order() {
        return BusyPasswordCheck.ORDER;
    }
}
