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
     * Text for markup that goes through Keycloak's {@code kcSanitize} (the page header): it decodes every entity
     * before sanitizing, so an escaped {@code &lt;img&gt;} would come back as an element. The characters that can
     * start markup or an entity are replaced by look-alikes that cannot, then the rest is escaped.
     */
    static String inert(String text) {
        return escape(text.replace('&', '\uff06').replace('<', '\u2039').replace('>', '\u203a'));
    }
}
