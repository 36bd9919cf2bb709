package dev.trustpack.audit.record;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The one scrub every field of every record goes through, wherever the value came from (a typed username, a request
 * parameter, an admin representation): anything token- or key-like is replaced, control characters become one
 * U+FFFD per run (so a flood of control bytes cannot multiply into escapes), and every value and key is cut to a
 * bounded length. What it removes is never logged.
 */
public final class Scrub {

    /** Longest text value kept, in characters; longer values end with an ellipsis. */
    public static final int MAX_VALUE = 1024;
    /** Longest object key kept (keys of representations can be user input, such as attribute names). */
    public static final int MAX_KEY = 128;

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z ]*(PRIVATE KEY|ENCRYPTED)");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9+/=._-]{8,}");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    private Scrub() {
    }

    /** A text value as a record may hold it. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        // Cut before matching, so a megabyte of input costs no more than the kept part.
        String head = value.length() > 4 * MAX_VALUE ? value.substring(0, 4 * MAX_VALUE) : value;
        if (JWT.matcher(head).find() || PEM.matcher(head).find()) {
            return Redactor.REDACTED;
        }
        String clean = CONTROLS.matcher(BEARER.matcher(head).replaceAll("$1 " + Redactor.REDACTED)).replaceAll("\uFFFD");
        return clean.length() <= MAX_VALUE && head.length() == value.length() ? clean
                : clean.substring(0, Math.min(clean.length(), MAX_VALUE)) + "…";
    }

    /** An object key: controls replaced, cut to {@value #MAX_KEY} characters. */
    public static String key(String key) {
        String clean = CONTROLS.matcher(key).replaceAll("\uFFFD");
        return clean.length() <= MAX_KEY ? clean : clean.substring(0, MAX_KEY) + "…";
    }

    /** Every text value and every key of a JSON tree, scrubbed; numbers, booleans and nulls as they are. */
    public static JsonNode tree(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(key(field.getKey()), tree(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(tree(item)));
            return copy;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.textValue()));
        }
        return node;
    }
}
