package dev.trustpack.common.admin;

import dev.trustpack.common.error.TrustpackException;

/**
 * Validation of request input shared by Trustpack's admin resources. Paging parameters are taken as strings and
 * parsed here, because JAX-RS answers a query parameter it cannot convert (such as {@code first=abc}) with 404;
 * a bad parameter is a bad request.
 */
public final class Inputs {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_QUOTED = 64;

    private Inputs() {
    }

    /** Query parameter {@code first}: 0 or more, default 0. */
    public static int first(String first) {
        if (first == null || first.isBlank()) {
            return 0;
        }
        int value = integer("first", first, "0 or more");
        if (value < 0) {
            throw invalid("first", "Query parameter 'first' must be 0 or more");
        }
        return value;
    }

    /** Query parameter {@code max}: 1 to {@value #MAX_PAGE_SIZE}, default {@value #DEFAULT_PAGE_SIZE}. */
    public static int max(String max) {
        if (max == null || max.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        int value = integer("max", max, "between 1 and " + MAX_PAGE_SIZE);
        if (value < 1 || value > MAX_PAGE_SIZE) {
            throw invalid("max", "Query parameter 'max' must be between 1 and " + MAX_PAGE_SIZE);
        }
        return value;
    }

    /** Caller input echoed in an error message, shortened and without control characters. */
    public static String quoted(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_QUOTED ? printable : printable.substring(0, MAX_QUOTED) + "…";
    }

    private static int integer(String name, String raw, String expectation) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw invalid(name, "Query parameter '" + name + "' must be an integer " + expectation + ", not '"
                    + quoted(raw) + "'");
        }
    }

    private static TrustpackException invalid(String name, String message) {
        return new TrustpackException(TrustpackException.Kind.INVALID, name, message);
    }
}
