package dev.trustpack.mfa.policy;

import java.util.List;

import dev.trustpack.mfa.login.LegacyExemption;
import dev.trustpack.tenancy.policy.PolicySectionFactory;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * Contributes the {@code mfa} section to the tenant policy document, and reports the realm's legacy clients exempt
 * from MFA with every effective policy.
 */
public final class MfaPolicySectionFactory extends PolicySectionFactory {

    public MfaPolicySectionFactory() {
        super(MfaPolicy.SECTION);
    }

    @Override
    protected List<String> exemptions(KeycloakSession session) {
        return session.getContext().getRealm().getClientsStream().filter(LegacyExemption::of)
                .map(ClientModel::getClientId).sorted()
                .map(clientId -> "Client '" + clientId + "' is a legacy client exempt from MFA: its password grants "
                        + "pass without a second factor (client attribute " + LegacyExemption.ATTRIBUTE
                        + "), each use is audited")
                .toList();
    }
}
