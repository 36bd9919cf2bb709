package dev.trustpack.audit.sink;

import java.time.Duration;
import java.util.List;

import dev.trustpack.audit.record.SealedRecord;
import org.keycloak.provider.Provider;

/**
 * A destination of a realm's audit records, configured as a component of the realm (provider type: this interface's
 * class name). The worker creates it inside a Keycloak session, where it resolves its vault secret and clients, and
 * then calls {@link #deliver} after that session has closed: delivery holds no database transaction open.
 */
public interface AuditSink extends Provider {

    SinkSettings settings();

    /** The longest one {@link #deliver} may take; the sink ends an attempt that runs longer. */
    Duration attemptLimit();

    /**
     * Sends one batch, in sequence order. Must not return {@link DeliveryResult.Outcome#DELIVERED} unless the
     * destination has accepted every record. Never throws; failures are results.
     *
     * @param batchId the same for every attempt of the same batch (the webhook id)
     */
    DeliveryResult deliver(String batchId, List<SealedRecord> records);

    @Override
    default void close() {
    }
}
