package dev.trustpack.tenancy.policy;

/** A policy value that does not validate; the message says what was expected, without the field's name. */
public final class PolicyValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyValueException(String message) {
        super(message, null, false, false);
    }
}
