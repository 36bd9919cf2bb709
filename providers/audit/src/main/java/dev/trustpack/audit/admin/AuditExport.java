package dev.trustpack.audit.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.record.Canonical;
import dev.trustpack.audit.record.CloudEvents;
import dev.trustpack.audit.record.SealedRecord;
import dev.trustpack.common.text.Csv;
import jakarta.ws.rs.core.StreamingOutput;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Streams sealed records as JSON lines (one CloudEvent per line, as sinks receive them) or CSV, reading a page at a
 * time in short transactions of its own, so an export of any size holds neither memory nor a transaction. Pages are
 * read by sequence number within the span the time window covers (see {@link OutboxStore#span}), so each costs the
 * same however large the chain.
 */
final class AuditExport {

    static final List<String> CSV_COLUMNS = List.of("seq", "id", "time", "type", "kind", "realm", "tenant", "user_id",
            "username", "client", "ip", "session", "outcome", "error", "operation", "resource_type",
            "resource_path", "details", "hash", "prev_hash");
    private static final int PAGE = 500;

    enum Format {
        JSONL("application/x-ndjson", "jsonl"),
        CSV("text/csv", "csv");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    /** What to export: the realm's sealed records in [from, to), of a tenant and type prefix when given. */
    record Query(String realmId, String tenantId, long fromMillis, long toMillis, String typePrefix) {

        /** Whether a record of the realm (and tenant, when given: pages are read for it) is in the window and type. */
        boolean matches(SealedRecord record) {
            return record.createdAt() >= fromMillis && record.createdAt() < toMillis
                    && (typePrefix == null || record.type().startsWith(typePrefix));
        }
    }

    /** Reads the sealed records after {@code afterSeq} through {@code throughSeq}, at most {@code limit}, in order. */
    @FunctionalInterface
    interface Pages {
        List<SealedRecord> read(long afterSeq, long throughSeq, int limit);
    }

    @FunctionalInterface
    interface Writes {
        void write(SealedRecord record) throws IOException;
    }

    private AuditExport() {
    }

    static StreamingOutput stream(KeycloakSessionFactory factory, Query query, Format format) {
        return output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            if (format == Format.CSV) {
                Csv.row(out, CSV_COLUMNS);
            }
            // The span is fixed when the export starts: records sealed while it streams belong to the next export.
            Optional<OutboxStore.SeqSpan> span = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> OutboxStore.of(session).span(query.realmId(), query.fromMillis(), query.toMillis()));
            if (span.isPresent()) {
                Pages pages = (after, through, limit) -> KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        session -> OutboxStore.of(session).sealed(query.realmId(), query.tenantId(), after, through,
                                limit));
                forEachMatching(span.get(), query, pages, PAGE, record -> {
                    if (format == Format.CSV) {
                        Csv.row(out, csvCells(record));
                    } else {
                        out.write(CloudEvents.event(record));
                        out.write('\n');
                    }
                });
            }
            out.flush();
        };
    }

    /**
     * Hands every record of the span that matches the query to {@code writes}, in sequence order, reading pages of
     * {@code pageSize} by sequence number: each page costs the same however far into the span it is.
     */
    static void forEachMatching(OutboxStore.SeqSpan span, Query query, Pages pages, int pageSize, Writes writes)
            throws IOException {
        long after = span.first() - 1;
        while (after < span.last()) {
            List<SealedRecord> page = pages.read(after, span.last(), pageSize);
            for (SealedRecord record : page) {
                if (query.matches(record)) {
                    writes.write(record);
                }
            }
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    static List<String> csvCells(SealedRecord record) {
        JsonNode payload = Canonical.read(record.payload());
        JsonNode admin = payload.path("admin");
        JsonNode details = admin.isMissingNode() ? payload.path("details") : admin.path("representation");
        List<String> cells = new ArrayList<>(CSV_COLUMNS.size());
        cells.add(Long.toString(record.seq()));
        cells.add(record.id());
        cells.add(payload.path("time").asText());
        cells.add(record.type());
        cells.add(payload.path("kind").asText());
        cells.add(payload.path("realm").path("name").asText());
        cells.add(payload.path("tenant").path("alias").asText(null));
        cells.add(payload.path("user").path("id").asText(null));
        cells.add(payload.path("user").path("username").asText(null));
        cells.add(payload.path("client").asText(null));
        cells.add(payload.path("ip").asText(null));
        cells.add(payload.path("session").asText(null));
        cells.add(payload.path("outcome").asText(null));
        cells.add(payload.path("error").asText(null));
        cells.add(admin.path("operation").asText(null));
        cells.add(admin.path("resourceType").asText(null));
        cells.add(admin.path("resourcePath").asText(null));
        cells.add(details.isMissingNode() || details.isNull() ? null : Canonical.write(details));
        cells.add(record.hash());
        cells.add(record.prevHash());
        return cells;
    }
}
