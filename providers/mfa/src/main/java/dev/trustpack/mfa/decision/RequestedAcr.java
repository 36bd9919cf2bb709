package dev.trustpack.mfa.decision;

import java.util.Arrays;

import dev.trustpack.mfa.token.MfaAcr;

/** What a relying party demanded with {@code acr_values} (space-separated; the strictest value it names counts). */
public enum RequestedAcr {
    NONE, MFA, PHISHING_RESISTANT;

    public static RequestedAcr parse(String acrValues) {
        if (acrValues == null || acrValues.isBlank()) {
            return NONE;
        }
        RequestedAcr strictest = NONE;
        for (String value : Arrays.asList(acrValues.trim().split("\\s+"))) {
            RequestedAcr requested = MfaAcr.PHISHING_RESISTANT.equals(value) ? PHISHING_RESISTANT
                    : MfaAcr.MFA.equals(value) ? MFA : NONE;
            if (requested.ordinal() > strictest.ordinal()) {
                strictest = requested;
            }
        }
        return strictest;
    }
}
