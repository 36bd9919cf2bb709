package dev.trustpack.common.admin;

import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponse;

/** Validation of request input shared by Trustpack's admin resources. */
public final class Inputs {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_QUOTED = 64;

    private Inputs() {
    }

    public static int first(Integer first) {
        if (first == null) {
            return 0;
        }
        if (first < 0) {
            throw ErrorResponse.error("Query parameter 'first' must be 0 or more", Response.Status.BAD_REQUEST);
        }
        return first;
    }

    public static int max(Integer max) {
        if (max == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (max < 1 || max > MAX_PAGE_SIZE) {
            throw ErrorResponse.error("Query parameter 'max' must be between 1 and " + MAX_PAGE_SIZE,
                    Response.Status.BAD_REQUEST);
        }
        return max;
    }

    /** Caller input echoed in an error message, shortened and without control characters. */
    public static String quoted(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_QUOTED ? printable : printable.substring(0, MAX_QUOTED) + "…";
    }
}
