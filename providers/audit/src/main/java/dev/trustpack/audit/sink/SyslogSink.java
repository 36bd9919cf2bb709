package dev.trustpack.audit.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.trustpack.audit.record.SealedRecord;

/**
 * Writes a batch over one connection, each message framed by octet counting ({@code MSG-LEN SP SYSLOG-MSG},
 * RFC 6587 3.4.1, the framing RFC 5425 prescribes for TLS). The batch counts as delivered once every byte was
 * written and flushed: plain syslog has no acknowledgement, so a receiver that dies with unread data in its socket
 * loses it (documented; the webhook sink is the acknowledged path).
 */
final class SyslogSink implements AuditSink {

    private final SinkSettings settings;
    private final String host;
    private final int port;
    private final SSLSocketFactory sslSockets;
    private final SyslogFormat format;
    private final Duration connectTimeout;
    private final Duration timeout;

    SyslogSink(SinkSettings settings, String host, int port, SSLSocketFactory sslSockets, SyslogFormat format,
               Duration connectTimeout, Duration timeout) {
        this.settings = settings;
        this.host = host;
        this.port = port;
        this.sslSockets = sslSockets;
        this.format = format;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    @Override
    public SinkSettings settings() {
        return settings;
    }

    @Override
    public DeliveryResult deliver(String batchId, List<SealedRecord> records) {
        Socket socket = new Socket();
        try (AttemptDeadline deadline = AttemptDeadline.start(attemptLimit(), () -> closeQuietly(socket))) {
            return send(socket, records, deadline);
        }
    }

    /** Connect, then the whole batch: socket writes have no timeout of their own, so the deadline bounds them. */
    @Override
    public Duration attemptLimit() {
        return connectTimeout.plus(timeout);
    }

    private DeliveryResult send(Socket socket, List<SealedRecord> records, AttemptDeadline deadline) {
        try (Socket connected = connect(socket)) {
            OutputStream out = new BufferedOutputStream(connected.getOutputStream(), 64 * 1024);
            for (SealedRecord record : records) {
                byte[] message = format.message(record).getBytes(StandardCharsets.UTF_8);
                out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(message);
            }
            out.flush();
            return DeliveryResult.delivered();
        } catch (IOException e) {
            return DeliveryResult.failed(deadline.passed() ? "timed out writing the batch" : Failures.describe(e));
        }
    }

    private Socket connect(Socket socket) throws IOException {
        socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        if (sslSockets == null) {
            return socket;
        }
        SSLSocket tls = (SSLSocket) sslSockets.createSocket(socket, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is how a stalled write is ended; nothing more to do.
        }
    }
}
