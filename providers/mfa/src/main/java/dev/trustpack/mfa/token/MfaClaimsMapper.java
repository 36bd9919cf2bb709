package dev.trustpack.mfa.token;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * Puts what the SSO session proved into {@code acr} ({@link MfaAcr}) and {@code amr} (RFC 8176 values, {@code rc}
 * for a recovery code). Computed from the session's notes each time a token is issued, so refreshed tokens say the
 * same as the first ones. Sessions the MFA step never saw (a flow without it) keep whatever Keycloak's own mappers
 * wrote.
 */
public final class MfaClaimsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String ID = "trustpack-mfa-claims";
    public static final String AMR_CLAIM = "amr";

    /** After Keycloak's acr and amr mappers, whose values it replaces. */
    static final int PRIORITY = Integer.MAX_VALUE - 1;

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, MfaClaimsMapper.class);
        CONFIG.removeIf(p -> OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN_RESPONSE.equals(p.getName()));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: acr and amr";
    }

    @Override
    public String getHelpText() {
        return "Sets acr (pwd, mfa, phr) and amr (pwd, otp, hwk, rc, mfa) from what the SSO session proved; "
                + "refreshed tokens keep them.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.copyOf(CONFIG);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession == null || userSession.getNote(MfaSessionNotes.AMR) == null) {
            return;
        }
        token.setAcr(MfaAcr.of(MfaSessionNotes.provenInSession(userSession)));
        token.getOtherClaims().put(AMR_CLAIM, MfaSessionNotes.amr(userSession));
    }
}
