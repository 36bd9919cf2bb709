package dev.trustpack.audit.worker;

import java.util.function.Consumer;

import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.common.error.TrustpackException;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Admin changes to a sink's progress (pause, resume, replay), each in a short transaction of its own that is
 * retried if a delivering node changed the row at the same moment.
 */
public final class SinkCommands {

    private static final int ATTEMPTS = 3;

    /** A change that does not fit the sink's current state; answered 409. */
    public static final class Conflict extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Conflict(String message) {
            super(message);
        }
    }

    private final KeycloakSessionFactory factory;

    public SinkCommands(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    /** Applies the change to the sink's progress row (created if new) and returns the row as committed. */
    public SinkStateEntity update(String sinkId, String realmId, Consumer<SinkStateEntity> change) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    SinkStateEntity state = SinkStateStore.of(session).ensure(sinkId, realmId,
                            System.currentTimeMillis(), SinkStateStore.Start.ALL_RECORDS);
                    change.accept(state);
                    return state;
                });
            } catch (Conflict e) {
                throw new TrustpackException(TrustpackException.Kind.CONFLICT, e.getMessage());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new TrustpackException(TrustpackException.Kind.CONFLICT, "The sink's progress kept changing while this "
                + "request tried to update it; try again (" + last.getClass().getSimpleName() + ")");
    }

    public static void pause(SinkStateEntity state, String reason) {
        SinkProgress.pause(state, reason);
    }

    public static void resume(SinkStateEntity state) {
        SinkProgress.resume(state, System.currentTimeMillis());
    }

    public static void startReplay(SinkStateEntity state, long afterSeq, long throughSeq) {
        SinkProgress.startReplay(state, afterSeq, throughSeq, System.currentTimeMillis());
    }

    public static void endReplay(SinkStateEntity state) {
        SinkProgress.endReplay(state);
    }
}
