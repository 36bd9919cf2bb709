package dev.trustpack.tenancy.branding;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.trustpack.tenancy.Tenant;
import org.keycloak.forms.login.LoginFormsPages;

/**
 * What a login page shows of Trustpack, as the theme reads it ({@code trustpackBranding}, a bean with getters, as
 * FreeMarker reads them): the tenant whose branding the page wears (null: the realm's), the address of its
 * stylesheet, and the footer's statements, already translated (plain text).
 */
public final class LoginBranding {

    /** The name of the template attribute. */
    public static final String ATTRIBUTE = "trustpackBranding";

    /**
     * Pages a visitor sees before proving who they are. They never wear a tenant's branding, whatever the login's
     * notes say (say after the login was restarted for another user): before sign-in no page may tell whether a
     * tenant exists. (The check that the tenant was chosen for the user now signed in covers every other page; this
     * list is a second line.)
     */
    static final Set<LoginFormsPages> BEFORE_SIGN_IN = Set.of(LoginFormsPages.LOGIN, LoginFormsPages.LOGIN_USERNAME,
            LoginFormsPages.LOGIN_PASSWORD, LoginFormsPages.LOGIN_RESET_PASSWORD, LoginFormsPages.REGISTER,
            LoginFormsPages.LOGIN_PAGE_EXPIRED, LoginFormsPages.X509_CONFIRM);

    private final String tenantName;
    private final boolean logo;
    private final String stylesheet;
    private final List<String> facts;

    /**
     * @param tenantName the tenant's display name, or null
     * @param logo       whether the tenant's stylesheet sets a logo
     * @param stylesheet the tenant stylesheet's address, or null
     * @param facts      the footer's statements
     */
    public LoginBranding(String tenantName, boolean logo, String stylesheet, List<String> facts) {
        this.tenantName = tenantName;
        this.logo = logo;
        this.stylesheet = stylesheet;
        this.facts = List.copyOf(facts);
    }

    public static LoginBranding realm(List<String> facts) {
        return new LoginBranding(null, false, null, facts);
    }

    public boolean isTenant() {
        return tenantName != null;
    }

    public String getTenantName() {
        return tenantName;
    }

    public boolean isLogo() {
        return logo;
    }

    public String getStylesheet() {
        return stylesheet;
    }

    public List<String> getFacts() {
        return facts;
    }

    /**
     * The tenant whose branding a page shows: the login's active tenant, chosen by the tenant step (which runs only
     * after the user signed in with a first factor, or by SSO) <b>for the user now signed in</b> (not for whoever
     * signed in before the login was restarted), while that user is still its member; never on a page shown before
     * sign-in.
     *
     * @param page                 the page being rendered (null: a module's own page)
     * @param activeTenant         the login's active tenant, if the tenant step chose one
     * @param chosenForSignedInUser whether the tenant was chosen for the user now signed in
     * @param signedInUserIsMember whether that user is a member of the tenant
     */
    static Optional<Tenant> shownTenant(LoginFormsPages page, Optional<Tenant> activeTenant, boolean chosenForSignedInUser,
                                        boolean signedInUserIsMember) {
        if (page != null && BEFORE_SIGN_IN.contains(page)) {
            return Optional.empty();
        }
        return activeTenant.filter(tenant -> chosenForSignedInUser && signedInUserIsMember);
    }
}
