package dev.trustpack.argon2.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.trustpack.argon2.importer.ImportBody.NumberedRecord;
import dev.trustpack.common.error.TrustpackException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("An import body")
class ImportBodyTest {

    @Nested
    @DisplayName("as a JSON array")
    class AsArray {

        @Test
        @DisplayName("hands out its records one at a time, numbered by position")
        void recordsInOrder() throws Exception {
            List<NumberedRecord> records = readAll("[{\"username\": \"a\"}, {\"username\": \"b\"}]");
            assertThat(records).extracting(NumberedRecord::line).containsExactly(1, 2);
            assertThat(records.get(1).json().get("username").asText()).isEqualTo("b");
        }

        @Test
        @DisplayName("nested deeper than a record can be is a 400 naming the limit, not a server error")
        void deepNesting() {
            String body = "[" + "[".repeat(2000) + "]".repeat(2000) + "]";
            assertThatThrownBy(() -> ImportBody.read(in(body)))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.INVALID);
                        assertThat(e.getMessage()).contains("nesting depth").contains("maximum allowed (16)")
                                .doesNotContain("StreamReadConstraints");
                    });
        }

        @Test
        @DisplayName("a number of a thousand digits is a 400 naming the limit")
        void hugeNumber() {
            String body = "[{\"username\": \"a\", \"n\": " + "9".repeat(1001) + "}]";
            assertThatThrownBy(() -> ImportBody.read(in(body)))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.INVALID);
                        assertThat(e.getMessage()).contains("Number value length (1001)").contains("(64)")
                                .contains("in record 1").doesNotContain("999");
                    });
        }

        @Test
        @DisplayName("that does not parse is a 400 with line and column, before any record is handed out")
        void broken() {
            assertThatThrownBy(() -> ImportBody.read(in("[{\"username\": \"a\"},\n {\"username\": }]")))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.INVALID);
                        assertThat(e.getMessage()).startsWith("The body is not a valid JSON array").contains("line 2");
                    });
        }

        @Test
        @DisplayName("with one record larger than 64 KiB is a 400 naming the record, however small its parts")
        void largeRecord() {
            StringBuilder fields = new StringBuilder("{\"username\": \"a\"");
            for (int i = 0; i < 20_000; i++) {
                fields.append(", \"f").append(i).append("\": 0");
            }
            String body = "[{\"username\": \"ok\"}, " + fields + "}]";
            assertThatThrownBy(() -> ImportBody.read(in(body)))
                    .isInstanceOfSatisfying(TrustpackException.class,
                            e -> assertThat(e.getMessage()).isEqualTo(
                                    "Record 2 is larger than 64 KiB; a user record is a few hundred bytes"));
        }

        @Test
        @DisplayName("with a bare string element larger than 64 KiB is refused in the first pass")
        void largeStringElement() {
            String body = "[{\"username\": \"ok\"}, \"" + "x".repeat(100_000) + "\"]";
            assertThatThrownBy(() -> ImportBody.read(in(body)))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.INVALID);
                        assertThat(e.getMessage()).contains("in record 2");
                    });
        }

        @Test
        @DisplayName("with trailing content after the array is refused")
        void trailing() {
            assertThatThrownBy(() -> ImportBody.read(in("[{\"username\": \"a\"}] {\"username\": \"b\"}")))
                    .isInstanceOfSatisfying(TrustpackException.class,
                            e -> assertThat(e.getMessage()).contains("more after the array"));
        }

        @Test
        @DisplayName("of more than 10,000 records is a 413 before any record is handed out")
        void tooMany() {
            String body = "[" + String.join(",", java.util.Collections.nCopies(ImportBody.MAX_RECORDS + 1, "{}")) + "]";
            assertThatThrownBy(() -> ImportBody.read(in(body)))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.TOO_LARGE);
                        assertThat(e.getMessage()).contains("At most 10000 records");
                    });
        }
    }

    @Nested
    @DisplayName("as JSON lines")
    class AsLines {

        @Test
        @DisplayName("makes a line that breaks a parser limit that line's error, and the other lines go on")
        void limitsPerLine() throws Exception {
            String body = String.join("\n",
                    "{\"username\": \"a\"}",
                    "{\"x\": " + "[".repeat(1200) + "]".repeat(1200) + "}",
                    "{\"n\": " + "1".repeat(1001) + "}",
                    "",
                    "{not json",
                    "{\"username\": \"b\"}");
            List<NumberedRecord> records = readAll(body);
            assertThat(records).extracting(NumberedRecord::line).containsExactly(1, 2, 3, 5, 6);
            assertThat(records.get(0).json().get("username").asText()).isEqualTo("a");
            assertThat(records.get(1).parseError()).startsWith("exceeds a parser limit: Document nesting depth");
            assertThat(records.get(2).parseError()).isEqualTo(
                    "exceeds a parser limit: Number value length (1001) exceeds the maximum allowed (64)");
            assertThat(records.get(3).parseError()).startsWith("not valid JSON (column");
            assertThat(records.get(4).json().get("username").asText()).isEqualTo("b");
        }

        @Test
        @DisplayName("makes two values on one line, or bytes that are not UTF-8, that line's error")
        void oneValuePerLineInUtf8() throws Exception {
            byte[] latin1 = "{\"username\": \"Jos\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
            byte[] body = ("{\"username\": \"a\"}{\"username\": \"b\"}\n" + new String(latin1, StandardCharsets.ISO_8859_1)
                    + "\n{\"username\": \"c\"}").getBytes(StandardCharsets.ISO_8859_1);
            List<NumberedRecord> records = new ArrayList<>();
            try (ImportBody read = ImportBody.read(new ByteArrayInputStream(body))) {
                for (NumberedRecord record = read.next(); record != null; record = read.next()) {
                    records.add(record);
                }
            }
            assertThat(records.get(0).parseError()).startsWith("not valid JSON");
            assertThat(records.get(1).parseError()).isEqualTo("not valid UTF-8 (export the file as UTF-8)");
            assertThat(records.get(2).json().get("username").asText()).isEqualTo("c");
        }

        @Test
        @DisplayName("reads a first line that starts with a byte order mark")
        void byteOrderMark() throws Exception {
            List<NumberedRecord> records = readAll("\uFEFF{\"username\": \"a\"}\n{\"username\": \"b\"}");
            assertThat(records).extracting(record -> record.json().get("username").asText()).containsExactly("a", "b");
        }

        @Test
        @DisplayName("refuses a line longer than 64 KiB without holding it")
        void longLine() throws Exception {
            String body = "{\"username\": \"" + "a".repeat(ImportBody.MAX_RECORD_BYTES) + "\"}\n{\"username\": \"b\"}";
            List<NumberedRecord> records = readAll(body);
            assertThat(records.get(0).parseError()).isEqualTo("the line is longer than 64 KiB");
            assertThat(records.get(1).json().get("username").asText()).isEqualTo("b");
        }
    }

    @Nested
    @DisplayName("of any form")
    class AnyForm {

        @Test
        @DisplayName("over 8 MiB is a 413 naming the limit, read no further than the limit")
        void tooLarge() {
            CountingStream body = new CountingStream(ImportBody.MAX_BYTES * 2L);
            assertThatThrownBy(() -> ImportBody.read(body))
                    .isInstanceOfSatisfying(TrustpackException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TrustpackException.Kind.TOO_LARGE);
                        assertThat(e.getMessage()).contains("larger than 8 MiB");
                    });
            assertThat(body.served).isLessThanOrEqualTo(ImportBody.MAX_BYTES + 64 * 1024L);
        }

        @Test
        @DisplayName("without records is a 400, a byte order mark alone included")
        void empty() {
            assertThatThrownBy(() -> ImportBody.read(in(" \n\n ")))
                    .isInstanceOfSatisfying(TrustpackException.class,
                            e -> assertThat(e.getMessage()).isEqualTo("The body holds no records"));
            assertThatThrownBy(() -> ImportBody.read(in("\uFEFF\n")))
                    .isInstanceOfSatisfying(TrustpackException.class,
                            e -> assertThat(e.getMessage()).isEqualTo("The body holds no records"));
        }

        @Test
        @DisplayName("leaves no temporary file behind, read or refused")
        void noTemporaryFiles() throws Exception {
            long before = spooledFiles();
            readAll("{\"username\": \"a\"}");
            assertThatThrownBy(() -> ImportBody.read(in("[1, 2"))).isInstanceOf(TrustpackException.class);
            assertThatThrownBy(() -> ImportBody.read(new CountingStream(ImportBody.MAX_BYTES + 1L)))
                    .isInstanceOf(TrustpackException.class);
            assertThat(spooledFiles()).isEqualTo(before);
        }
    }

    private static List<NumberedRecord> readAll(String body) throws IOException {
        List<NumberedRecord> records = new ArrayList<>();
        try (ImportBody read = ImportBody.read(in(body))) {
            for (NumberedRecord record = read.next(); record != null; record = read.next()) {
                records.add(record);
            }
        }
        return records;
    }

    private static InputStream in(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private static long spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("trustpack-import-")).count();
        }
    }

    /** Serves spaces without ever holding them; counts how many were read. */
    private static final class CountingStream extends InputStream {

        private final long size;
        private long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            served++;
            return ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (served >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - served);
            java.util.Arrays.fill(buffer, offset, offset + count, (byte) ' ');
            served += count;
            return count;
        }
    }
}
