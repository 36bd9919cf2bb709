package dev.trustpack.tenancy.branding;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import dev.trustpack.common.log.WarnOnce;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.login.LoginFact;
import dev.trustpack.tenancy.login.LoginFactContext;
import dev.trustpack.tenancy.login.LoginFactProvider;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsPages;
import org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider;
import org.keycloak.forms.login.freemarker.model.RealmBean;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;

/**
 * Keycloak's FreeMarker login pages, plus {@link LoginBranding} for the {@code trustpack} theme: once the user signed
 * in and the login's tenant is decided, the page's realm name becomes the tenant's and its stylesheet is linked. Every
 * other attribute is Keycloak's own; a failure here falls back to the realm's branding, never to an error page.
 */
final class BrandedLoginFormsProvider extends FreeMarkerLoginFormsProvider {

    private static final Logger LOG = Logger.getLogger(BrandedLoginFormsProvider.class);
    private final WarnOnce warnings;

    BrandedLoginFormsProvider(KeycloakSession session, WarnOnce warnings) {
        super(session);
        this.warnings = warnings;
    }

    @Override
    protected void createCommonAttributes(Theme theme, Locale locale, Properties messagesBundle, UriBuilder baseUriBuilder,
                                          LoginFormsPages page) {
        super.createCommonAttributes(theme, locale, messagesBundle, baseUriBuilder, page);
        if (realm == null) {
            return;
        }
        LoginBranding branding;
        try {
            branding = branding(page, locale, messagesBundle);
        } catch (RuntimeException e) {
            if (warnings.first("branding:" + e.getClass().getName())) {
                LOG.warnf("Login page branding failed; the realm's branding is shown: %s", e.toString());
            }
            branding = LoginBranding.realm(List.of());
        }
        attributes.put(LoginBranding.ATTRIBUTE, branding);
        if (branding.isTenant()) {
            attributes.put("realm", new TenantRealmBean(realm, branding));
            attributes.put("title", format(messagesBundle, locale, "loginTitle", List.of(branding.getTenantName())));
        }
    }

    private LoginBranding branding(LoginFormsPages page, Locale locale, Properties messages) {
        AuthenticationSessionModel authSession = authenticationSession != null ? authenticationSession
                : session.getContext().getAuthenticationSession();
        UserModel signedIn = authSession == null ? null : authSession.getAuthenticatedUser();
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        Optional<Tenant> active = authSession == null || signedIn == null ? Optional.empty() : tenancy.activeTenant(authSession);
        boolean chosenForSignedIn = signedIn != null
                && signedIn.getId().equals(authSession.getAuthNote(TenancyProvider.ACTIVE_TENANT_USER_NOTE));
        Optional<Tenant> shown = LoginBranding.shownTenant(page, active, chosenForSignedIn,
                active.map(tenant -> tenancy.isMember(tenant, signedIn)).orElse(false));
        if (shown.isEmpty()) {
            return LoginBranding.realm(facts(new LoginFactContext(session, realm, Optional.empty(), Optional.empty()),
                    locale, messages));
        }
        Tenant tenant = shown.get();
        OrganizationModel organization = session.getProvider(OrganizationProvider.class).getById(tenant.id());
        BrandingStore.Stored read = BrandingStore.read(organization);
        if (!read.invalid().isEmpty() && warnings.first("invalid:" + tenant.id() + read.invalid())) {
            LOG.warnf("Tenant '%s' has branding values that do not validate (%s); the realm's are shown instead",
                    tenant.alias(), String.join(", ", read.invalid()));
        }
        TenantBranding stored = read.branding();
        String name = stored.shownName(tenant);
        String stylesheet = stored.hasStyle()
                ? BrandingStylesheetResource.address(session.getContext().getUri().getBaseUriBuilder(), realm, tenant, stored)
                : null;
        // Facts name the tenant as the page does.
        List<String> facts = facts(new LoginFactContext(session, realm,
                Optional.of(new Tenant(tenant.id(), tenant.alias(), name)), Optional.of(signedIn)), locale, messages);
        return new LoginBranding(name, stored.logo() != null, stylesheet, facts);
    }

    private List<String> facts(LoginFactContext context, Locale locale, Properties messages) {
        List<String> facts = new ArrayList<>();
        session.getKeycloakSessionFactory().getProviderFactoriesStream(LoginFactProvider.class)
                .map(ProviderFactory::getId)
                .sorted(Comparator.naturalOrder())
                .forEach(id -> {
                    try {
                        for (LoginFact fact : session.getProvider(LoginFactProvider.class, id).facts(context)) {
                            String text = format(messages, locale, fact.messageKey(), fact.parameters());
                            if (text != null) {
                                facts.add(text);
                            }
                        }
                    } catch (RuntimeException e) {
                        // One module's failure leaves out its statements only, never the page or the others'.
                        if (warnings.first("facts:" + id + ":" + e.getClass().getName())) {
                            LOG.warnf("Login page statements of '%s' failed and are left out: %s", id, e.toString());
                        }
                    }
                });
        return facts;
    }

    private String format(Properties messages, Locale locale, String key, List<?> parameters) {
        String pattern = messages.getProperty(key);
        if (pattern == null) {
            if (warnings.first("message:" + key)) {
                LOG.warnf("No message '%s' in the login theme's bundle; the statement is left out", key);
            }
            return null;
        }
        return new MessageFormat(pattern, locale).format(parameters.toArray());
    }

    /** The realm as the page names it, with the tenant's name (and logo, by its stylesheet) in the header. */
    private static final class TenantRealmBean extends RealmBean {

        private final LoginBranding branding;

        TenantRealmBean(RealmModel realm, LoginBranding branding) {
            super(realm);
            this.branding = branding;
        }

        @Override
        public String getDisplayName() {
            return branding.getTenantName();
        }

        @Override
        public String getDisplayNameHtml() {
            String name = Html.inert(branding.getTenantName());
            String logo = branding.isLogo() ? "<div class=\"kc-logo-text trustpack-tenant-logo\"><span>" + name + "</span></div>" : "";
            return "<div class=\"trustpack-tenant-brand\">" + logo + "<div class=\"trustpack-tenant-name\">" + name + "</div></div>";
        }
    }
}
