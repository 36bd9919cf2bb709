package dev.trustpack.audit.sink;

/**
 * How an attempt to deliver a batch ended. {@code detail} is shown to admins and logged, so it never holds a
 * secret, a URL query, or anything the destination answered beyond its status.
 */
public record DeliveryResult(Outcome outcome, String detail) {

    public enum Outcome {
        /** Every record of the batch was accepted. */
        DELIVERED,
        /** The destination could not take the batch now (down, timeout, 5xx, throttled, misconfigured): retry. */
        FAILED,
        /** The destination refused this batch's content (400, 413, 422): retrying the same bytes will not help. */
        REJECTED
    }

    private static final DeliveryResult DELIVERED = new DeliveryResult(Outcome.DELIVERED, "delivered");

    public static DeliveryResult delivered() {
        return DELIVERED;
    }

    public static DeliveryResult failed(String detail) {
        return new DeliveryResult(Outcome.FAILED, detail);
    }

    public static DeliveryResult rejected(String detail) {
        return new DeliveryResult(Outcome.REJECTED, detail);
    }
}
