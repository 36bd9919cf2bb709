package dev.trustpack.tenancy.branding;

/** Text for HTML that stays text. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Text for markup that goes through Keycloak's {@code msg()} and {@code kcSanitize} (the page header): the first
     * replaces {@code ${key}} by that bundle message (which may be markup), the second decodes every entity before
     * sanitizing, so an escaped {@code &lt;img&gt;} would come back as an element. The characters that start markup,
     * an entity or a message reference are replaced by look-alikes that do not, then the rest is escaped.
     */
    static String inert(String text) {
        return escape(text.replace('&', '\uff06').replace('<', '\u2039').replace('>', '\u203a').replace('$', '\uff04'));
    }
}
