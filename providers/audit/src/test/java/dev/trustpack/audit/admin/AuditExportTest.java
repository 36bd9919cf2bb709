package dev.trustpack.audit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import dev.trustpack.audit.outbox.OutboxStore.SeqSpan;
import dev.trustpack.audit.record.SealedRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("An export")
class AuditExportTest {

    private static final long T0 = 1_700_000_000_000L;

    /** A chain of {@code count} records, seq 1..count, one a second; every tenth is a login error, the rest logins. */
    private static List<SealedRecord> chain(int count) {
        return LongStream.rangeClosed(1, count).mapToObj(seq -> record(seq, T0 + seq * 1000,
                seq % 10 == 0 ? "user.login_error" : "user.login")).toList();
    }

    private static SealedRecord record(long seq, long createdAt, String type) {
        return new SealedRecord("id-" + seq, seq, "realm", null, createdAt, type, "{}", "prev", "hash");
    }

    /** Pages read from a list by sequence number, as OutboxStore.sealed reads them; counts the reads and rows. */
    private static final class CountingPages implements AuditExport.Pages {
        private final List<SealedRecord> chain;
        int reads;
        int rows;

        CountingPages(List<SealedRecord> chain) {
            this.chain = chain;
        }

        @Override
        public List<SealedRecord> read(long afterSeq, long throughSeq, int limit) {
            reads++;
            List<SealedRecord> page = chain.stream().filter(r -> r.seq() > afterSeq && r.seq() <= throughSeq)
                    .limit(limit).toList();
            rows += page.size();
            return page;
        }
    }

    private static List<Long> export(SeqSpan span, AuditExport.Query query, int pageSize, CountingPages pages)
            throws IOException {
        List<Long> written = new ArrayList<>();
        AuditExport.forEachMatching(span, query, pages, pageSize, record -> written.add(record.seq()));
        return written;
    }

    @Nested
    @DisplayName("reads pages by sequence number")
    class Paging {

        @Test
        @DisplayName("every record of the span once, in order, each row read once")
        void everyRecordOnce() throws IOException {
            // given a chain of 1,234 records and pages of 100
            List<SealedRecord> chain = chain(1234);
            CountingPages pages = new CountingPages(chain);
            AuditExport.Query all = new AuditExport.Query("realm", null, 0, Long.MAX_VALUE, null);

            // when the whole span is exported
            List<Long> written = export(new SeqSpan(1, 1234), all, 100, pages);

            // then each record is written once in sequence order, and no row was read twice
            assertThat(written).containsExactlyElementsOf(LongStream.rangeClosed(1, 1234).boxed().toList());
            assertThat(pages.rows).isEqualTo(1234);
            assertThat(pages.reads).isEqualTo(13);
        }

        @Test
        @DisplayName("stops at the end of the span, even on a full last page")
        void stopsAtTheSpanEnd() throws IOException {
            // given a span ending exactly on a page boundary, with records sealed after it
            List<SealedRecord> chain = chain(500);
            CountingPages pages = new CountingPages(chain);
            AuditExport.Query all = new AuditExport.Query("realm", null, 0, Long.MAX_VALUE, null);

            // when the span 101..300 is exported in pages of 100
            List<Long> written = export(new SeqSpan(101, 300), all, 100, pages);

            // then records sealed after the span (while the export streamed) are not in it, and no empty page is read
            assertThat(written).hasSize(200).startsWith(101L).endsWith(300L);
            assertThat(pages.reads).isEqualTo(2);
        }

        @Test
        @DisplayName("a span of one record")
        void aSpanOfOne() throws IOException {
            List<SealedRecord> chain = chain(50);
            AuditExport.Query all = new AuditExport.Query("realm", null, 0, Long.MAX_VALUE, null);

            assertThat(export(new SeqSpan(7, 7), all, 100, new CountingPages(chain))).containsExactly(7L);
        }
    }

    @Nested
    @DisplayName("filters what the span holds")
    class Filtering {

        @Test
        @DisplayName("by the time window: a record at a span's edge created outside the window is left out")
        void byTimeWindow() throws IOException {
            // given records whose creation times are out of sequence order at both edges of the window
            List<SealedRecord> chain = List.of(record(1, T0 + 1000, "user.login"), record(2, T0 + 3000, "user.login"),
                    record(3, T0 + 2000, "user.login"), record(4, T0 + 6000, "user.login"),
                    record(5, T0 + 5000, "user.login"), record(6, T0 + 7000, "user.login"));
            // the window [T0+2000, T0+6000) starts at seq 2 (the lowest seq created in it) and ends at seq 5
            AuditExport.Query window = new AuditExport.Query("realm", null, T0 + 2000, T0 + 6000, null);

            // when the span 2..5 is exported
            List<Long> written = export(new SeqSpan(2, 5), window, 2, new CountingPages(chain));

            // then seq 4 (created at the window's end, sealed inside the span) is not exported
            assertThat(written).containsExactly(2L, 3L, 5L);
        }

        @Test
        @DisplayName("by type prefix, across pages where some pages match nothing")
        void byTypePrefix() throws IOException {
            // given 1,000 records of which every tenth is a login error
            List<SealedRecord> chain = chain(1000);
            AuditExport.Query errors = new AuditExport.Query("realm", null, 0, Long.MAX_VALUE, "user.login_");

            // when exported in pages of 7 (most hold no error)
            List<Long> written = export(new SeqSpan(1, 1000), errors, 7, new CountingPages(chain));

            // then exactly the 100 errors, none of the logins whose type is a prefix of theirs
            assertThat(written).hasSize(100).allMatch(seq -> seq % 10 == 0);
        }
    }
}
