package dev.trustpack.tenancy.admin;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustpack.common.error.TrustpackException;

/** Request bodies of the tenant admin API: read as a JSON tree, or refused with 400/413 and a message, never a 500. */
final class JsonBody {

    /** Reads trees only; answers are written by Keycloak's JAX-RS setup. */
    private static final ObjectMapper READER = new ObjectMapper();

    private JsonBody() {
    }

    /**
     * @param empty    the 400 message for a missing or blank body (say what the body must be)
     * @param tooLarge the 413 message for a body over {@code maxBytes}
     */
    static JsonNode read(String body, int maxBytes, String empty, String tooLarge) {
        if (body == null || body.isBlank()) {
            throw new TrustpackException(TrustpackException.Kind.INVALID, empty);
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new TrustpackException(TrustpackException.Kind.TOO_LARGE, tooLarge);
        }
        try {
            return READER.readTree(body);
        } catch (JacksonException e) {
            // Also Jackson's own limits (nesting depth, number length): the body is refused, never a 500.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new TrustpackException(TrustpackException.Kind.INVALID, "The body is not valid JSON" + where);
        }
    }
}
