package dev.trustpack.tenancy;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import dev.trustpack.common.config.StringSetting;
import dev.trustpack.common.log.WarnOnce;
import dev.trustpack.tenancy.policy.PolicyCatalog;
import dev.trustpack.tenancy.policy.PolicySection;
import dev.trustpack.tenancy.policy.PolicySectionFactory;
import dev.trustpack.tenancy.policy.PolicySectionProvider;
import dev.trustpack.tenancy.policy.PolicyWarnings;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Creates {@link DefaultTenancyProvider}s and keeps sessions in step with memberships: whenever a user leaves an
 * organization, by whatever path (Trustpack's REST API, the admin console, Keycloak's admin API), their tenant-role
 * groups are cleared and the SSO sessions they used for that tenant end.
 */
public final class DefaultTenancyProviderFactory implements TenancyProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "default";

    private static final String ROLE_LIST = "[A-Za-z][A-Za-z0-9_.-]{0,63}(\\s*,\\s*[A-Za-z][A-Za-z0-9_.-]{0,63})*";

    static final StringSetting ROLES = new StringSetting("roles", "Tenant roles",
            "Tenant roles of realms that do not set the realm attribute " + TenantRoleSet.ROLES_ATTRIBUTE
                    + " (comma-separated).",
            TenantRoleSet.DEFAULT_ROLES, ROLE_LIST, "a comma-separated list of role names");
    static final StringSetting ADMIN_ROLES = new StringSetting("admin-roles", "Tenant admin roles",
            "Tenant roles whose holders administer their own tenant, for realms that do not set "
                    + TenantRoleSet.ADMIN_ROLES_ATTRIBUTE + " (comma-separated).",
            TenantRoleSet.DEFAULT_ADMIN_ROLES, ROLE_LIST, "a comma-separated list of role names");

    private final PolicyWarnings policyWarnings = new PolicyWarnings();
    private final WarnOnce configWarnings = new WarnOnce(1_000);
    private final TenantAliasIndex aliases = new TenantAliasIndex();
    private TenantRoleSet serverDefaults;
    private PolicyCatalog policyCatalog = new PolicyCatalog(List.of());

    @Override
    public TenancyProvider create(KeycloakSession session) {
        return new DefaultTenancyProvider(session, serverDefaults, policyCatalog, policyWarnings, configWarnings,
                aliases);
    }

    @Override
    public void init(Config.Scope config) {
        serverDefaults = TenantRoleSet.parse(ROLES.read(config), ADMIN_ROLES.read(config));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Every module's section is known once all factories are initialised; sections are fixed data.
        policyCatalog = new PolicyCatalog(factory.getProviderFactoriesStream(PolicySectionProvider.class)
                .map(sectionFactory -> ((PolicySectionFactory) sectionFactory).section())
                .toList());
        factory.register(this::onProviderEvent);
    }

    private void onProviderEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent leave) {
            KeycloakSession session = leave.getSession();
            ((DefaultTenancyProvider) create(session)).memberLeft(leave.getOrganization(), leave.getUser());
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of(ROLES.toProperty(), ADMIN_ROLES.toProperty());
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(DefaultTenancyProviderFactory.class, Map.of(
                ROLES.key(), String.join(",", serverDefaults.roles()),
                ADMIN_ROLES.key(), String.join(",", serverDefaults.adminRoles()),
                "policy-sections", String.join(",", policyCatalog.sections().stream().map(PolicySection::name).toList())));
    }
}
