package dev.trustpack.audit.sink;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

/**
 * Short, safe descriptions of delivery failures for admins and logs. Built from the exception type, never from
 * messages that could quote a URL with a token in its query, a response body, or a secret.
 */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        if (failure instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return "connection refused or unreachable";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (failure instanceof SSLException) {
            return "TLS failure (" + failure.getClass().getSimpleName() + "): check the destination's certificate"
                    + " against Keycloak's truststore";
        }
        if (failure.getClass().getSimpleName().equals("ConnectTimeoutException")) {
            return "connect timed out";
        }
        return "I/O failure (" + failure.getClass().getSimpleName() + ")";
    }
}
