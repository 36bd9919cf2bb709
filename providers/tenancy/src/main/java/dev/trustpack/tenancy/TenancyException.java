package dev.trustpack.tenancy;

/**
 * A tenancy operation that cannot be done as asked. {@link #kind()} tells callers such as the admin REST API how to
 * answer (400, 404, 409); the message says what was wrong and never contains a secret.
 */
public final class TenancyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT
    }

    private final Kind kind;

    public TenancyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
