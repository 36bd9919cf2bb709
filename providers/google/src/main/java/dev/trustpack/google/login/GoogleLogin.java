package dev.trustpack.google.login;

/** Notes the Google provider and the Google flow steps share about one login. */
public final class GoogleLogin {

    /**
     * Brokered-identity context data (it travels with the identity into the first- and post-broker-login flows, which
     * start with fresh auth notes): the verified {@code hd} of the Google account, "" for a personal account.
     */
    public static final String HD = "trustpack.google.hd";

    /** Brokered-identity context data: id of the tenant the {@code hd} selected, or {@link #NO_TENANT}. */
    public static final String HD_TENANT = "trustpack.google.hd-tenant";

    public static final String NO_TENANT = "none";

    /** Auth note: the domain to send to Google as {@code hd} when the login is sent there for a tenant. */
    public static final String HD_HINT_NOTE = "trustpack.google.hd-hint";

    /** Auth note: how the Google identity was linked to an existing account in this first login (auto, confirmed). */
    public static final String LINK_NOTE = "trustpack.google.link";

    /**
     * User-session note prefix: {@code <prefix><tenant id>} records that a Google login of this SSO session, from a
     * verified domain of that tenant, signed in to it; an SSO-only tenant accepts cookie SSO only with it.
     */
    public static final String SSO_TENANT_NOTE_PREFIX = "trustpack.google.tenant.";

    private GoogleLogin() {
    }
}
