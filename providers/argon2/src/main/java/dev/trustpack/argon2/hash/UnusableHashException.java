package dev.trustpack.argon2.hash;

/**
 * A stored or imported hash that cannot be used: malformed, of an unsupported kind, or with parameters beyond the
 * verify limits. The message describes the problem and never contains the hash or any secret.
 */
public final class UnusableHashException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnusableHashException(String message) {
        super(message);
    }
}
