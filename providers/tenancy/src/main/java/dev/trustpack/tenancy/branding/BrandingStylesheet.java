package dev.trustpack.tenancy.branding;

import java.util.Locale;

/**
 * The stylesheet that turns a tenant's validated branding into the theme's CSS variables. No value reaches the page any
 * other way: the page links this sheet from its own origin, so the theme's Content-Security-Policy needs neither inline
 * styles nor a foreign style source.
 */
public final class BrandingStylesheet {

    /** WCAG 2.2 AA for normal text: white button text on the accent colour needs at least this contrast. */
    static final double MIN_CONTRAST = 4.5;

    private BrandingStylesheet() {
    }

    public static String render(TenantBranding branding) {
        StringBuilder css = new StringBuilder("/* Trustpack tenant branding */\n:root {\n");
        if (branding.accentColor() != null) {
            String accent = readableOnWhiteText(branding.accentColor());
            css.append("    --trustpack-accent: ").append(accent).append(";\n");
            css.append("    --trustpack-accent-strong: ").append(darker(accent, 0.75)).append(";\n");
        }
        if (branding.logo() != null) {
            // BrandingRules leaves no quote, parenthesis, backslash or space in a logo URL: it cannot end this url("").
            css.append("    --trustpack-tenant-logo: url(\"").append(branding.logo()).append("\");\n");
        }
        return css.append("}\n").toString();
    }

    /**
     * The accent colour, darkened just enough that white text on it reaches {@link #MIN_CONTRAST}: a tenant's light
     * brand colour never makes the sign-in button unreadable.
     */
    static String readableOnWhiteText(String hex) {
        int[] rgb = rgb(hex);
        double factor = 1.0;
        while (contrastWithWhite(scaled(rgb, factor)) < MIN_CONTRAST && factor > 0) {
            factor -= 0.02;
        }
        return hex(scaled(rgb, Math.max(factor, 0)));
    }

    static double contrastWithWhite(int[] rgb) {
        return 1.05 / (luminance(rgb) + 0.05);
    }

    static int[] rgb(String hex) {
        int value = Integer.parseInt(hex.substring(1), 16);
        return new int[] {(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff};
    }

    private static String darker(String hex, double factor) {
        return hex(scaled(rgb(hex), factor));
    }

    private static int[] scaled(int[] rgb, double factor) {
        return new int[] {(int) Math.round(rgb[0] * factor), (int) Math.round(rgb[1] * factor), (int) Math.round(rgb[2] * factor)};
    }

    private static double luminance(int[] rgb) {
        return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static String hex(int[] rgb) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }
}
