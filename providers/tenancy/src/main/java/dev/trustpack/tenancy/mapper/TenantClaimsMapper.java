package dev.trustpack.tenancy.mapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenResponseMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.IDToken;

/**
 * Adds the tenant a token is bound to and the user's roles in it, and nothing about any other tenant:
 * <pre>
 * "tenant": {"id": "…", "alias": "acme", "name": "Acme Corp"},
 * "tenant_roles": ["Admin", "Viewer"]
 * </pre>
 * The same shape whether the user has one tenant or many. The tenant is the grant's binding
 * ({@link TenancyProvider#tokenTenant(ClientSessionContext)}); the values come only from the organization model
 * (never from user attributes) and are computed when each token is issued, so a revoked role is gone from the next
 * refresh.
 *
 * <p>This mapper owns both claim names in every token type — access (lightweight too), ID, userinfo, introspection,
 * and the token response: it runs after every other mapper and removes whatever they put there, whether or not it is
 * configured to add the claims to that token type. It sets no other claim.
 */
public final class TenantClaimsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, OIDCAccessTokenResponseMapper {

    public static final String ID = "trustpack-tenant-claims";
    public static final String TENANT_CLAIM = "tenant";
    public static final String TENANT_ROLES_CLAIM = "tenant_roles";

    /** Last of all mappers: nothing that runs after it could write the claims again. */
    static final int PRIORITY = Integer.MAX_VALUE;

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, TenantClaimsMapper.class);
        // The token response is only cleaned, never given the claims: it is not a token.
        CONFIG.removeIf(p -> OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN_RESPONSE.equals(p.getName()));
        // A lightweight access token without its tenant would read as "no tenant": included unless switched off.
        CONFIG.stream()
                .filter(p -> OIDCAttributeMapperHelper.INCLUDE_IN_LIGHTWEIGHT_ACCESS_TOKEN.equals(p.getName()))
                .forEach(p -> p.setDefaultValue("true"));
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
        return "Trustpack: active tenant and tenant roles";
    }

    @Override
    public String getHelpText() {
        return "Adds 'tenant' {id, alias, name} and 'tenant_roles' for the tenant the token is bound to. Owns both "
                + "claim names in every token type: values other mappers put there are removed.";
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
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext context) {
        boolean include = getShouldUseLightweightToken(session)
                ? !"false".equals(model.getConfig().get(OIDCAttributeMapperHelper.INCLUDE_IN_LIGHTWEIGHT_ACCESS_TOKEN))
                : OIDCAttributeMapperHelper.includeInAccessToken(model);
        apply(token.getOtherClaims(), include, session, context);
        return token;
    }

    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel model, KeycloakSession session,
                                    UserSessionModel userSession, ClientSessionContext context) {
        apply(token.getOtherClaims(), OIDCAttributeMapperHelper.includeInIDToken(model), session, context);
        return token;
    }

    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                              UserSessionModel userSession, ClientSessionContext context) {
        apply(token.getOtherClaims(), OIDCAttributeMapperHelper.includeInUserInfo(model), session, context);
        return token;
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                                   UserSessionModel userSession, ClientSessionContext context) {
        apply(token.getOtherClaims(), OIDCAttributeMapperHelper.includeInIntrospection(model), session, context);
        return token;
    }

    @Override
    public AccessTokenResponse transformAccessTokenResponse(AccessTokenResponse response, ProtocolMapperModel model,
                                                            KeycloakSession session, UserSessionModel userSession,
                                                            ClientSessionContext context) {
        apply(response.getOtherClaims(), false, session, context);
        return response;
    }

    private static void apply(Map<String, Object> claims, boolean include, KeycloakSession session,
                              ClientSessionContext context) {
        claims.remove(TENANT_CLAIM);
        claims.remove(TENANT_ROLES_CLAIM);
        if (!include) {
            return;
        }
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        tenancy.tokenTenant(context).ifPresent(tenant -> {
            claims.put(TENANT_CLAIM, tenantClaim(tenant));
            claims.put(TENANT_ROLES_CLAIM, tenancy.rolesOf(tenant, context.getClientSession().getUserSession().getUser()));
        });
    }

    private static Map<String, String> tenantClaim(Tenant tenant) {
        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("id", tenant.id());
        claim.put("alias", tenant.alias());
        claim.put("name", tenant.name());
        return claim;
    }
}
