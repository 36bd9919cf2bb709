package dev.trustpack.audit.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.audit.record.Canonical;
import dev.trustpack.audit.record.ChainHash;

/**
 * Walks a realm's hash chain from its purge point to its head and reports the first record that is missing, edited,
 * re-linked, or whose query columns disagree with its payload. Reads in pages, so memory stays flat.
 */
public final class ChainVerifier {

    private static final int PAGE = 1000;

    /** The first problem found. {@code kind}: missing, link_mismatch, hash_mismatch, column_mismatch, head_mismatch. */
    public record Problem(long seq, String id, String kind, String message) {
    }

    /**
     * @param status       {@code ok} or {@code broken}
     * @param firstSeq     first sequence number checked (after the purge point)
     * @param lastSeq      the chain head when verification started
     * @param checked      records checked before the first problem (or all)
     * @param unsealed     records committed but not yet sealed (not part of the check)
     */
    public record Result(String realm, String status, long firstSeq, long lastSeq, long checked, long unsealed,
                         long purgedThroughSeq, Problem problem) {
    }

    private final OutboxStore outbox;

    public ChainVerifier(OutboxStore outbox) {
        this.outbox = outbox;
    }

    public Result verify(String realmId, String realmName) {
        long unsealed = outbox.countUnsealed(realmId);
        AuditChainEntity chain = outbox.chain(realmId).orElse(null);
        if (chain == null) {
            return new Result(realmName, "ok", 1, 0, 0, unsealed, 0, null);
        }
        long head = chain.getLastSeq();
        String recordsRealmId = chain.getTrailRealmId();
        long expectedSeq = chain.getPurgedSeq() + 1;
        String previousHash = chain.getPurgedHash();
        long checked = 0;
        long after = chain.getPurgedSeq();
        while (after < head) {
            List<AuditRecordEntity> page = outbox.chainPage(realmId, after, head, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditRecordEntity record : page) {
                Problem problem = check(record, expectedSeq, previousHash, recordsRealmId);
                if (problem != null) {
                    return new Result(realmName, "broken", chain.getPurgedSeq() + 1, head, checked, unsealed,
                            chain.getPurgedSeq(), problem);
                }
                previousHash = record.getHash();
                expectedSeq++;
                checked++;
            }
            after = page.get(page.size() - 1).getSeq();
        }
        Problem problem = null;
        if (expectedSeq <= head) {
            problem = new Problem(expectedSeq, null, "missing", "records " + expectedSeq + " to " + head
                    + " are missing from the end of the chain");
        } else if (!ChainHash.same(chain.getLastHash(), previousHash)) {
            problem = new Problem(head, null, "head_mismatch", "the chain head's hash does not match record " + head);
        }
        return new Result(realmName, problem == null ? "ok" : "broken", chain.getPurgedSeq() + 1, head, checked,
                unsealed, chain.getPurgedSeq(), problem);
    }

    private static Problem check(AuditRecordEntity record, long expectedSeq, String previousHash, String realmId) {
        long seq = record.getSeq();
        if (seq != expectedSeq) {
            return new Problem(expectedSeq, null, "missing", (seq - 1 == expectedSeq ? "record " + expectedSeq
                    : "records " + expectedSeq + " to " + (seq - 1)) + " missing before record " + seq);
        }
        if (!ChainHash.same(previousHash, record.getPrevHash())) {
            return new Problem(seq, record.getId(), "link_mismatch",
                    "record " + seq + " does not link to the hash of the record before it");
        }
        if (!ChainHash.same(ChainHash.of(previousHash, seq, record.getPayload()), record.getHash())) {
            return new Problem(seq, record.getId(), "hash_mismatch",
                    "record " + seq + " was changed after it was sealed (its hash does not match its content)");
        }
        String columns = columnMismatch(record, realmId);
        if (columns != null) {
            return new Problem(seq, record.getId(), "column_mismatch", "record " + seq + ": the " + columns
                    + " column does not match the sealed content");
        }
        return null;
    }

    /** @param realmId the realm id the records carry (a moved deleted realm's trail keeps its old one) */
    private static String columnMismatch(AuditRecordEntity record, String realmId) {
        JsonNode payload;
        try {
            payload = Canonical.read(record.getPayload());
        } catch (RuntimeException e) {
            return "payload";
        }
        if (!record.getId().equals(payload.path("id").asText())) {
            return "id";
        }
        if (!realmId.equals(payload.path("realm").path("id").asText())) {
            return "realm";
        }
        if (!Objects.equals(record.getTenantId(), payload.path("tenant").path("id").asText(null))) {
            return "tenant";
        }
        if (!record.getType().equals(payload.path("type").asText())) {
            return "type";
        }
        if (!Instant.ofEpochMilli(record.getCreatedAt()).toString().equals(payload.path("time").asText())) {
            return "time";
        }
        return null;
    }
}
