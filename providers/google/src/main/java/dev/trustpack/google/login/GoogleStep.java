package dev.trustpack.google.login;

import java.util.Optional;

import dev.trustpack.google.provider.TenantGoogleIdentityProviderFactory;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Base of the Google flow steps: stateless, nothing to configure per user, and the notes of a Google login. */
abstract class GoogleStep implements Authenticator {

    /** Keycloak's auth note holding the brokered identity during the first-broker-login flow. */
    static final String FIRST_BROKER_CONTEXT = "BROKERED_CONTEXT";

    /** Keycloak's auth note holding the brokered identity during the post-broker-login flow. */
    static final String AFTER_BROKER_CONTEXT = PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT;

    /** Keycloak's auth note set when its first-broker-login step created the user. */
    static final String REGISTERED_NEW_USER = "BROKER_REGISTERED_NEW_USER";

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }

    static TenancyProvider tenancy(AuthenticationFlowContext context) {
        return context.getSession().getProvider(TenancyProvider.class);
    }

    /** A Google login's brokered identity and what the provider verified about it. */
    record GoogleIdentity(SerializedBrokeredIdentityContext context, String hd, Optional<Tenant> hdTenant) {

        String sub() {
            return context.getId();
        }

        String email() {
            return context.getEmail();
        }

        String alias() {
            return context.getIdentityProviderId();
        }
    }

    /**
     * The brokered identity of this broker login (saved under {@code note}) if it came through a Trustpack Google
     * provider and passed its checks; empty for a password login, cookie SSO, or another provider.
     */
    static Optional<GoogleIdentity> googleIdentity(AuthenticationFlowContext context, String note) {
        SerializedBrokeredIdentityContext identity =
                SerializedBrokeredIdentityContext.readFromAuthenticationSession(context.getAuthenticationSession(), note);
        if (identity == null) {
            return Optional.empty();
        }
        IdentityProviderModel provider = context.getSession().identityProviders().getByAlias(identity.getIdentityProviderId());
        SerializedBrokeredIdentityContext.ContextDataEntry hd = identity.getContextData().get(GoogleLogin.HD);
        SerializedBrokeredIdentityContext.ContextDataEntry tenant = identity.getContextData().get(GoogleLogin.HD_TENANT);
        if (provider == null || !TenantGoogleIdentityProviderFactory.ID.equals(provider.getProviderId()) || hd == null
                || tenant == null) {
            return Optional.empty();
        }
        Optional<Tenant> hdTenant = GoogleLogin.NO_TENANT.equals(tenant.getData()) ? Optional.empty()
                : tenancy(context).tenantById(tenant.getData());
        return Optional.of(new GoogleIdentity(identity, hd.getData(), hdTenant));
    }

    static Optional<GoogleIdentity> googleIdentityInFirstLogin(AuthenticationFlowContext context) {
        return googleIdentity(context, FIRST_BROKER_CONTEXT);
    }

    static Optional<GoogleIdentity> googleIdentityAfterBroker(AuthenticationFlowContext context) {
        return googleIdentity(context, AFTER_BROKER_CONTEXT);
    }

    /** The realm's enabled Trustpack Google provider, if one is configured. */
    static Optional<IdentityProviderModel> googleProvider(KeycloakSession session) {
        return session.identityProviders().getAllStream()
                .filter(IdentityProviderModel::isEnabled)
                .filter(model -> TenantGoogleIdentityProviderFactory.ID.equals(model.getProviderId()))
                .findFirst();
    }
}
