package dev.trustpack.argon2.importer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trustpack.common.error.TrustpackException;

/**
 * An import request body, read so that memory stays bounded whatever was sent: the body is spooled to a temporary
 * file up to {@link #MAX_BYTES} (beyond that: 413 before anything is imported), checked in a first streaming pass
 * (a JSON array that does not parse or exceeds the parser's limits is 400 naming the problem; more than
 * {@link #MAX_RECORDS} records is 413 — again before anything is imported), then handed out one record at a time.
 * Records are parsed one at a time and none may exceed {@link #MAX_RECORD_BYTES}, so memory is bounded per
 * record: a JSON line that does not parse, exceeds a limit or is too long is that line's error and the other lines
 * go on; in an array, where one bad element spoils the parse of the rest, it is a 400 for the whole body.
 */
final class ImportBody implements Closeable {

    /** The documented body limit (below the HTTP layer's own, 10 MiB by default, so the answer is ours). */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    static final int MAX_RECORDS = 10_000;
    /** Largest record (a JSON line, or an element of an array); a user record is a few hundred bytes. */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    /** Parser limits: deeper nesting, longer numbers or longer strings than any user record has are refused. */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(16).maxNumberLength(64).maxStringLength(MAX_RECORD_BYTES).build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(LIMITS).build()).build();
    /** One JSON value per line: a second value on the same line is an error, not silently dropped. */
    private static final ObjectReader LINE_READER = MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;
    private final boolean array;
    private InputStream input;
    private JsonParser arrayParser;
    private boolean exhausted;
    private int position;

    private ImportBody(Path file, boolean array) {
        this.file = file;
        this.array = array;
    }

    /** A record with its line (JSON lines) or position (array), or why it could not be read. */
    record NumberedRecord(int line, JsonNode json, String parseError) {
    }

    /** Spools and checks the body; throws {@link TrustpackException} (400, 413) before anything is imported. */
    static ImportBody read(InputStream body) {
        Path file = spool(body);
        try {
            boolean array = firstSignificantByte(file) == '[';
            int records = array ? checkArray(file) : countLines(file);
            if (records == 0) {
                throw new TrustpackException(TrustpackException.Kind.INVALID, "The body holds no records");
            }
            if (records > MAX_RECORDS) {
                throw new TrustpackException(TrustpackException.Kind.TOO_LARGE, "At most " + MAX_RECORDS
                        + " records per request (this body has " + records + "); split the file");
            }
            return new ImportBody(file, array);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** The next record, or null after the last. */
    NumberedRecord next() throws IOException {
        return array ? nextElement() : nextLine();
    }

    private NumberedRecord nextElement() throws IOException {
        if (exhausted) {
            return null;
        }
        if (arrayParser == null) {
            arrayParser = MAPPER.createParser(Files.newInputStream(file));
            arrayParser.nextToken();
        }
        JsonToken token = arrayParser.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            return null;
        }
        position++;
        try {
            return new NumberedRecord(position, arrayParser.readValueAsTree(), null);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // The first pass accepted the whole array, so this does not happen; should it, the rest is not read.
            exhausted = true;
            return new NumberedRecord(position, null, "could not be read: " + e.getOriginalMessage());
        }
    }

    private NumberedRecord nextLine() throws IOException {
        if (input == null) {
            input = new BufferedInputStream(Files.newInputStream(file));
        }
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            int next;
            while ((next = input.read()) != -1 && next != '\n') {
                if (line.size() < MAX_RECORD_BYTES) {
                    line.write(next);
                } else {
                    tooLong = true;
                }
            }
            if (next == -1 && line.size() == 0 && !tooLong) {
                return null;
            }
            position++;
            if (tooLong) {
                return new NumberedRecord(position, null, "the line is longer than " + MAX_RECORD_BYTES / 1024 + " KiB");
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(line.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                return new NumberedRecord(position, null, "not valid UTF-8 (export the file as UTF-8)");
            }
            if (position == 1 && text.startsWith("\uFEFF")) {
                // A byte order mark, as some exporters write: not part of the first record.
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            try {
                return new NumberedRecord(position, LINE_READER.readValue(text), null);
            } catch (StreamConstraintsException e) {
                return new NumberedRecord(position, null, "exceeds a parser limit: " + limit(e));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                return new NumberedRecord(position, null, "not valid JSON" + column(e.getLocation()));
            }
        }
    }

    @Override
    public void close() {
        try {
            if (arrayParser != null) {
                arrayParser.close();
            }
            if (input != null) {
                input.close();
            }
        } catch (IOException e) {
            // Closing a local temporary file: nothing to report to the caller.
        } finally {
            delete(file);
        }
    }

    private static Path spool(InputStream body) {
        Path file;
        try {
            file = Files.createTempFile("trustpack-import-", ".json");
        } catch (IOException e) {
            throw new TrustpackException(TrustpackException.Kind.UNAVAILABLE, "The import cannot be buffered now");
        }
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > MAX_BYTES) {
                    throw new TrustpackException(TrustpackException.Kind.TOO_LARGE, "The body is larger than "
                            + MAX_BYTES / 1024 / 1024 + " MiB, the import limit; split the file");
                }
                out.write(buffer, 0, read);
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new TrustpackException(TrustpackException.Kind.INVALID, "The body could not be read");
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static boolean isByteOrderMark(int b) {
        return b == 0xEF || b == 0xBB || b == 0xBF;
    }

    private static int firstSignificantByte(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int b = in.read(); b != -1; b = in.read()) {
                if (!Character.isWhitespace(b) && !isByteOrderMark(b)) {
                    return b;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks the whole array without keeping it; returns how many elements it has. */
    private static int checkArray(Path file) {
        int count = 0;
        boolean inRecord = false;
        try (JsonParser parser = MAPPER.createParser(Files.newInputStream(file))) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw invalidArray("the array is not closed", parser.currentLocation());
                }
                count++;
                if (count > MAX_RECORDS) {
                    return count;
                }
                inRecord = true;
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                // A scalar element (a bare string) is read lazily: finish it so its length is checked and counted.
                parser.finishToken();
                inRecord = false;
                if (parser.currentLocation().getByteOffset() - start > MAX_RECORD_BYTES) {
                    throw new TrustpackException(TrustpackException.Kind.INVALID, "Record " + count
                            + " is larger than " + MAX_RECORD_BYTES / 1024 + " KiB; a user record is a few hundred bytes");
                }
            }
            if (parser.nextToken() != null) {
                throw invalidArray("there is more after the array", parser.currentLocation());
            }
            return count;
        } catch (StreamConstraintsException e) {
            throw new TrustpackException(TrustpackException.Kind.INVALID, "The body exceeds a parser limit: "
                    + limit(e) + " (in record " + (inRecord ? count : count + 1) + ")");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw invalidArray("it does not parse", e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int countLines(Path file) {
        int count = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            boolean content = false;
            for (int b = in.read(); ; b = in.read()) {
                if (b == -1 || b == '\n') {
                    if (content) {
                        count++;
                        if (count > MAX_RECORDS) {
                            return count;
                        }
                    }
                    content = false;
                    if (b == -1) {
                        return count;
                    }
                } else if (!Character.isWhitespace(b) && !(count == 0 && isByteOrderMark(b))) {
                    content = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TrustpackException invalidArray(String what, JsonLocation location) {
        return new TrustpackException(TrustpackException.Kind.INVALID, "The body is not a valid JSON array: " + what
                + where(location));
    }

    /**
     * Which limit, e.g. "Number value length (1001) exceeds the maximum allowed (64)": Jackson's message names the
     * limit and both numbers and holds none of the input; only its pointer to the Java method is dropped.
     */
    private static String limit(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "a parser limit" : e.getOriginalMessage();
        return message.replaceAll(", from `[^`]*`\\)", ")");
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNr() < 0 ? "" : " (column " + location.getColumnNr() + ")";
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
