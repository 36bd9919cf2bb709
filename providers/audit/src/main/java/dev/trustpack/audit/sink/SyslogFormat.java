package dev.trustpack.audit.sink;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.audit.record.Canonical;
import dev.trustpack.audit.record.CloudEvents;
import dev.trustpack.audit.record.SealedRecord;

/**
 * One audit record as an RFC 5424 syslog message: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG}.
 * The timestamp is the record's time in UTC; the structured data carries the record's id, chain position, realm,
 * tenant, user and outcome; MSG is the record's CloudEvent JSON, which is pure ASCII (see {@link Canonical}).
 * Structured-data values escape {@code "}, {@code \} and {@code ]} as RFC 5424 requires, and control characters
 * as the text {@code \\uXXXX} (an escaped backslash), so no user input can start a new line or forge a field.
 */
public final class SyslogFormat {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int SEVERITY_WARNING = 4;
    private static final int SEVERITY_INFORMATIONAL = 6;

    private final int facility;
    private final String hostname;
    private final String appName;
    private final String procId;
    private final String structuredDataId;

    public SyslogFormat(int facility, String hostname, String appName, String procId, String structuredDataId) {
        this.facility = facility;
        this.hostname = header(hostname, 255);
        this.appName = header(appName, 48);
        this.procId = header(procId, 128);
        this.structuredDataId = structuredDataId;
    }

    public String message(SealedRecord record) {
        JsonNode payload = Canonical.read(record.payload());
        boolean failure = "failure".equals(payload.path("outcome").asText());
        int priority = facility * 8 + (failure ? SEVERITY_WARNING : SEVERITY_INFORMATIONAL);
        StringBuilder message = new StringBuilder(record.payload().length() + 512);
        message.append('<').append(priority).append(">1 ")
                .append(TIMESTAMP.format(Instant.ofEpochMilli(record.createdAt()))).append(' ')
                .append(hostname).append(' ').append(appName).append(' ').append(procId).append(' ')
                .append(header(msgId(record.type()), 32)).append(' ');
        message.append('[').append(structuredDataId);
        param(message, "id", record.id());
        param(message, "seq", Long.toString(record.seq()));
        param(message, "realm", payload.path("realm").path("name").asText(null));
        param(message, "tenant", payload.path("tenant").path("alias").asText(null));
        param(message, "user", payload.path("user").path("id").asText(null));
        param(message, "username", payload.path("user").path("username").asText(null));
        param(message, "client", payload.path("client").asText(null));
        param(message, "ip", payload.path("ip").asText(null));
        param(message, "outcome", payload.path("outcome").asText(null));
        param(message, "error", payload.path("error").asText(null));
        param(message, "hash", record.hash());
        param(message, "prevHash", record.prevHash());
        message.append("] ").append(CloudEvents.event(record));
        return message.toString();
    }

    /** The type without the common prefix, e.g. {@code user.login_error}. */
    static String msgId(String type) {
        return type.startsWith(AuditRecords.TYPE_PREFIX) ? type.substring(AuditRecords.TYPE_PREFIX.length()) : type;
    }

    private static void param(StringBuilder message, String name, String value) {
        if (value == null) {
            return;
        }
        message.append(' ').append(name).append("=\"").append(escapeParamValue(value)).append('"');
    }

    static String escapeParamValue(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                escaped.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                // An escaped backslash then uXXXX: the value reads back as that text, never as the character.
                escaped.append(String.format("\\\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A header field: printable US-ASCII only, bounded, "-" when empty (RFC 5424 NILVALUE). */
    static String header(String value, int maxLength) {
        if (value == null) {
            return "-";
        }
        StringBuilder printable = new StringBuilder();
        for (int i = 0; i < value.length() && printable.length() < maxLength; i++) {
            char c = value.charAt(i);
            if (c >= 33 && c <= 126) {
                printable.append(c);
            }
        }
        return printable.isEmpty() ? "-" : printable.toString();
    }
}
