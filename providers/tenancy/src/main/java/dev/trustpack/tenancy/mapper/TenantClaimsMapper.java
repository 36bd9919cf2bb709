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
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * Adds the active tenant and the user's roles in it, and nothing about any other tenant:
 * <pre>
 * "tenant": {"id": "…", "alias": "acme", "name": "Acme Corp"},
 * "tenant_roles": ["Admin", "Viewer"]
 * </pre>
 * The same shape whether the user has one tenant or many. The values come only from the organization model (never
 * from user attributes), are computed when each token is issued (so a revoked role is gone from the next refresh),
 * and this mapper owns both claim names: it runs after the other mappers and replaces or removes whatever they put
 * there. It sets no other claim.
 */
public final class TenantClaimsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String ID = "trustpack-tenant-claims";
    public static final String TENANT_CLAIM = "tenant";
    public static final String TENANT_ROLES_CLAIM = "tenant_roles";

    /** After Keycloak's own mappers (role mappers run at 40, scripts at 50). */
    static final int PRIORITY = 1000;

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, TenantClaimsMapper.class);
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
        return "Adds 'tenant' {id, alias, name} and 'tenant_roles' for the tenant of this login only. Owns both claim "
                + "names: values other mappers put there are replaced or removed.";
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
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        Map<String, Object> claims = token.getOtherClaims();
        claims.remove(TENANT_CLAIM);
        claims.remove(TENANT_ROLES_CLAIM);
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        UserModel user = userSession.getUser();
        tenancy.activeTenant(clientSessionCtx, user).ifPresent(tenant -> {
            claims.put(TENANT_CLAIM, tenantClaim(tenant));
            claims.put(TENANT_ROLES_CLAIM, tenancy.rolesOf(tenant, user));
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
