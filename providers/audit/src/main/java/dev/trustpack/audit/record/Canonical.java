package dev.trustpack.audit.record;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of an audit record: object keys sorted, no nulls, no whitespace, pure ASCII (every control
 * character, DEL and every non-ASCII character written as a {@code \}{@code uXXXX} escape). The stored payload is this
 * string and the hash chain is computed over it, so the same record always has the same bytes, and no byte of user
 * input can break a syslog line, a CSV cell or a terminal.
 */
public final class Canonical {

    public static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new AsciiEscapes())
                    .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .build())
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Canonical() {
    }

    public static String write(Object value) {
        try {
            // Through a tree and back to plain maps, so nested maps of any kind are sorted too.
            JsonNode tree = MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(MAPPER.treeToValue(tree, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Standard JSON escapes plus DEL; non-ASCII is escaped by {@link JsonWriteFeature#ESCAPE_NON_ASCII}. */
    private static final class AsciiEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private static final int[] ESCAPES = standardAsciiEscapesForJSON();

        static {
            ESCAPES[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ESCAPES;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
