package dev.trustpack.tenancy.branding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a tenant's branding values may be. Each check returns the value to store (normalised) or throws
 * {@link BrandingValueException} naming the field. The rules keep every value inert wherever a page uses it: the name
 * is plain text (and escaped when shown), the colour a hex value, the logo a URL whose characters cannot end a CSS
 * {@code url("...")} or an HTML attribute.
 */
public final class BrandingRules {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_HTTPS_LOGO_LENGTH = 2048;
    /** A data URL logo is at most this many characters (about 6 KiB of image): small enough to live in the tenant. */
    public static final int MAX_DATA_LOGO_LENGTH = 8192;

    private static final Pattern HEX_COLOUR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    /** RFC 3986 characters minus quotes, parentheses and backslash (they could end a CSS url() or an attribute). */
    private static final Pattern URL_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&*+,;=%]+");
    private static final Pattern DATA_URL = Pattern.compile("data:(image/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})");
    /** Image types a data URL may declare, with the first bytes such an image starts with. SVG is left out: it is markup. */
    private static final Map<String, byte[][]> SIGNATURES = Map.of(
            "image/png", new byte[][] {{(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}},
            "image/jpeg", new byte[][] {{(byte) 0xff, (byte) 0xd8, (byte) 0xff}},
            "image/gif", new byte[][] {{'G', 'I', 'F', '8', '7', 'a'}, {'G', 'I', 'F', '8', '9', 'a'}},
            "image/webp", new byte[][] {{'R', 'I', 'F', 'F'}});

    private BrandingRules() {
    }

    public static String displayName(String value) {
        String name = value.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new BrandingValueException(TenantBranding.DISPLAY_NAME, "must be 1 to " + MAX_NAME_LENGTH
                    + " characters of plain text");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || isBidiControl(c)) {
                throw new BrandingValueException(TenantBranding.DISPLAY_NAME, "must not contain control characters");
            }
            if (c == '<' || c == '>') {
                throw new BrandingValueException(TenantBranding.DISPLAY_NAME, "is plain text: '<' and '>' are not allowed");
            }
        }
        if (name.contains("${")) {
            // Keycloak's msg() would replace it by a message of the theme's bundle.
            throw new BrandingValueException(TenantBranding.DISPLAY_NAME, "is plain text: '${' is not allowed");
        }
        return name;
    }

    public static String accentColor(String value) {
        if (!HEX_COLOUR.matcher(value).matches()) {
            throw new BrandingValueException(TenantBranding.ACCENT_COLOR, "must be a CSS hex colour such as #13828a or #fff");
        }
        String hex = value.substring(1).toLowerCase(Locale.ROOT);
        if (hex.length() == 3) {
            hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
        }
        return "#" + hex;
    }

    public static String logo(String value) {
        if (value.regionMatches(true, 0, "data:", 0, 5)) {
            return dataLogo(value);
        }
        if (value.length() > MAX_HTTPS_LOGO_LENGTH || !URL_CHARACTERS.matcher(value).matches()) {
            throw new BrandingValueException(TenantBranding.LOGO, "must be an https: URL of at most "
                    + MAX_HTTPS_LOGO_LENGTH + " characters without quotes, parentheses, backslashes or spaces, or a "
                    + "data:image/(png|jpeg|gif|webp);base64 URL");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new BrandingValueException(TenantBranding.LOGO, "is not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new BrandingValueException(TenantBranding.LOGO, "must be an https: URL with a host and no user "
                    + "name, or a data:image/(png|jpeg|gif|webp);base64 URL");
        }
        return value;
    }

    private static String dataLogo(String value) {
        if (value.length() > MAX_DATA_LOGO_LENGTH) {
            throw new BrandingValueException(TenantBranding.LOGO, "a data URL logo is at most " + MAX_DATA_LOGO_LENGTH
                    + " characters (about " + MAX_DATA_LOGO_LENGTH * 3 / 4 / 1024 + " KiB of image); use an https: URL "
                    + "for a larger one");
        }
        var matcher = DATA_URL.matcher(value);
        if (!matcher.matches()) {
            throw new BrandingValueException(TenantBranding.LOGO, "a data URL logo must be "
                    + "data:image/(png|jpeg|gif|webp);base64,<base64>");
        }
        byte[] image;
        try {
            image = Base64.getDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw new BrandingValueException(TenantBranding.LOGO, "the data URL's base64 is not valid");
        }
        String type = matcher.group(1);
        if (!startsWithAny(image, SIGNATURES.get(type))) {
            throw new BrandingValueException(TenantBranding.LOGO, "the data URL does not hold a " + type + " image");
        }
        return value;
    }

    private static boolean startsWithAny(byte[] data, byte[][] prefixes) {
        outer:
        for (byte[] prefix : prefixes) {
            if (data.length < prefix.length) {
                continue;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (data[i] != prefix[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f'
                || c == '\u061c';
    }

    /** A value that does not satisfy its rule; the message names the field. */
    public static final class BrandingValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        BrandingValueException(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
