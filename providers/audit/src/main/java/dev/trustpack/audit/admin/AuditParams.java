package dev.trustpack.audit.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;

/** The audit API's query and body values, each parsed once and refused with a 400 naming it. */
final class AuditParams {

    private static final String TYPE_PATTERN = "[a-z0-9._]{1,200}";

    private AuditParams() {
    }

    /** An ISO-8601 instant in epoch milliseconds; {@code fallback} when absent (null: required). */
    static long instant(String name, String value, Long fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw invalid("'" + name + "' is required (an ISO-8601 instant such as 2026-11-22T00:00:00Z)");
            }
            return fallback;
        }
        try {
            return Instant.parse(value.strip()).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid("'" + name + "' must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, not '"
                    + Inputs.quoted(value) + "'");
        }
    }

    static AuditExport.Format format(String format) {
        if (format == null || format.isBlank()) {
            return AuditExport.Format.JSONL;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson", "json" -> AuditExport.Format.JSONL;
            case "csv" -> AuditExport.Format.CSV;
            default -> throw invalid("'format' must be jsonl or csv");
        };
    }

    /** A record type or its beginning, with or without the common prefix; null for every type. */
    static String typePrefix(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String normalized = type.strip().toLowerCase(Locale.ROOT);
        if (!normalized.matches(TYPE_PATTERN)) {
            throw invalid("'type' must be a record type or its beginning, such as user.login or admin.user");
        }
        return normalized.startsWith(AuditRecords.TYPE_PREFIX) ? normalized : AuditRecords.TYPE_PREFIX + normalized;
    }

    static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    static TrustpackException invalid(String message) {
        return new TrustpackException(TrustpackException.Kind.INVALID, message);
    }
}
