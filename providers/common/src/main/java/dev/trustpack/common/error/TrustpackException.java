package dev.trustpack.common.error;

import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * Something Trustpack cannot do as asked. Model and REST code throw it with a {@link Kind}; when it reaches a REST
 * endpoint, {@link TrustpackExceptionMapper} — the one mapping from Trustpack's exceptions to HTTP — answers
 * {@code {"errorMessage": "...", "field": "..."}} with the kind's status and rolls the request's transaction back,
 * so a refused request writes nothing. Messages say what was wrong and how to fix it; they never contain a secret.
 */
public class TrustpackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the HTTP status. */
    public enum Kind {
        /** The input is not valid (400). */
        INVALID(Response.Status.BAD_REQUEST),
        /** The caller may not do this (403). */
        FORBIDDEN(Response.Status.FORBIDDEN),
        /** No such thing, or not one the caller may see (404). */
        NOT_FOUND(Response.Status.NOT_FOUND),
        /** The change would break a rule of the current state (409). */
        CONFLICT(Response.Status.CONFLICT),
        /** The body is over the documented limit (413). */
        TOO_LARGE(Response.Status.REQUEST_ENTITY_TOO_LARGE),
        /** Temporarily unable; try again (503). */
        UNAVAILABLE(Response.Status.SERVICE_UNAVAILABLE);

        private final Response.Status status;

        Kind(Response.Status status) {
            this.status = status;
        }

        public Response.Status status() {
            return status;
        }
    }

    /** One problem of a request that may have several (each names its field). */
    public record Problem(String field, String message) {
    }

    private final Kind kind;
    private final String field;
    private final List<Problem> problems;

    public TrustpackException(Kind kind, String message) {
        this(kind, null, message);
    }

    /** @param field the input the message is about, such as {@code mfa.graceDays} or a query parameter name */
    public TrustpackException(Kind kind, String field, String message) {
        this(kind, message, field, List.of());
    }

    /** Several problems at once; the message says them all, {@code errors} lists each with its field. */
    public static TrustpackException of(Kind kind, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        String message = problems.size() == 1 ? problems.get(0).message()
                : String.join("; ", problems.stream().map(Problem::message).toList());
        return new TrustpackException(kind, message, problems.get(0).field(), List.copyOf(problems));
    }

    private TrustpackException(Kind kind, String message, String field, List<Problem> problems) {
        super(message, null, false, true);
        this.kind = kind;
        this.field = field;
        this.problems = problems;
    }

    public Kind kind() {
        return kind;
    }

    /** The input the problem is about, or null. */
    public String field() {
        return field;
    }

    public List<Problem> problems() {
        return problems.isEmpty() && field != null ? List.of(new Problem(field, getMessage())) : problems;
    }
}
