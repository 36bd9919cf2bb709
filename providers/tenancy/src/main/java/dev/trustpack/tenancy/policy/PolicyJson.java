package dev.trustpack.tenancy.policy;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for showing caller input in messages. */
final class PolicyJson {

    private static final int MAX_SHOWN = 64;

    private PolicyJson() {
    }

    static String shorten(JsonNode node) {
        return shorten(node.toString());
    }

    /** Input shown in a message: at most 64 characters, control characters replaced. */
    static String shorten(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_SHOWN ? printable : printable.substring(0, MAX_SHOWN) + "…";
    }
}
