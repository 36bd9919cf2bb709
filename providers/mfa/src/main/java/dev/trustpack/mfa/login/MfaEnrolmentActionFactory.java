package dev.trustpack.mfa.login;

import dev.trustpack.common.flow.SilentRequiredActionFactory;

/** "Trustpack: confirm MFA set-up"; register it enabled, with a priority after Keycloak's set-up actions. */
public final class MfaEnrolmentActionFactory extends SilentRequiredActionFactory {

    public static final String ID = MfaEnrolmentAction.ID;

    public MfaEnrolmentActionFactory() {
        super(new MfaEnrolmentAction());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Trustpack: confirm MFA set-up";
    }
}
