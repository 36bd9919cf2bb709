package dev.trustpack.tenancy.branding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.trustpack.tenancy.Tenant;

/**
 * A tenant's login-page branding, every value already validated by {@link BrandingRules}; null where the tenant sets
 * none (the realm's own branding shows there). The JSON names of the admin API are the record's component names.
 *
 * @param displayName plain text shown instead of the tenant's name
 * @param logo        an {@code https:} URL or a small {@code data:image/...;base64,} URL
 * @param accentColor a lowercase {@code #rrggbb} colour
 */
public record TenantBranding(String displayName, String logo, String accentColor) {

    public static final String DISPLAY_NAME = "displayName";
    public static final String LOGO = "logo";
    public static final String ACCENT_COLOR = "accentColor";

    public static final TenantBranding NONE = new TenantBranding(null, null, null);

    /** The name pages show for the tenant: this display name if set, else the tenant's own name. */
    public String shownName(Tenant tenant) {
        return displayName != null ? displayName : tenant.name();
    }

    public boolean hasStyle() {
        return logo != null || accentColor != null;
    }

    /** Changes whenever the logo or the colour changes: part of the stylesheet's address, so browsers never show a stale one. */
    public String styleVersion() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(logo).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(accentColor).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
