package dev.trustpack.audit.record;

/**
 * A record that has its place in the realm's hash chain, detached from the database: what sinks deliver and exports
 * write.
 */
public record SealedRecord(String id, long seq, String realmId, String tenantId, long createdAt, String type,
                           String payload, String prevHash, String hash) {
}
