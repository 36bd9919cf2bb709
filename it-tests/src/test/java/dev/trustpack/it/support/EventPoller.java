package dev.trustpack.it.support;

import java.time.Duration;

import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.events.Events;

/** Waits for a user event of one type in the current test's window, skipping others. */
public final class EventPoller {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private EventPoller() {
    }

    public static EventRepresentation next(Events events, EventType type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            EventRepresentation event = events.poll();
            if (event == null) {
                Thread.sleep(200);
            } else if (type.name().equals(event.getType())) {
                return event;
            }
        }
        throw new AssertionError("No " + type + " event within " + WAIT.toSeconds() + " s");
    }
}
