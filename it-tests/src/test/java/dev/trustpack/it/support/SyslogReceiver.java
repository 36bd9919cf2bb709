package dev.trustpack.it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

/**
 * A syslog receiver on loopback that reads RFC 6587 octet-counted frames ({@code MSG-LEN SP SYSLOG-MSG}) over TCP,
 * or over TLS with a certificate from the test CA (RFC 5425). Like rsyslog's imtcp/imptcp with octet counting.
 */
public final class SyslogReceiver implements AutoCloseable {

    private static final int MAX_FRAME = 1 << 20;

    private final ServerSocket server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SyslogReceiver(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "syslog-receiver-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SyslogReceiver tcp() throws IOException {
        return new SyslogReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    public static SyslogReceiver tls(SSLContext context) throws IOException {
        return tls(context, InetAddress.getLoopbackAddress());
    }

    /** TLS on another loopback address (e.g. 127.0.0.2, which the test certificate does not name). */
    public static SyslogReceiver tls(SSLContext context, InetAddress address) throws IOException {
        return new SyslogReceiver(context.getServerSocketFactory().createServerSocket(0, 50, address));
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<String> messages() {
        return new ArrayList<>(messages);
    }

    /** Framing or TLS errors seen on incoming connections. */
    public List<String> errors() {
        return new ArrayList<>(errors);
    }

    public String awaitMessage(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String message : messages) {
                if (match.test(message)) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No syslog message matched within " + timeout.toSeconds() + " s; got "
                + messages.size() + " message(s), errors " + errors);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> read(socket), "syslog-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    errors.add("accept: " + e);
                }
            }
        }
    }

    private void read(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                int length = readLength(in);
                if (length < 0) {
                    return;
                }
                messages.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The MSG-LEN before a frame; -1 at a clean end of stream. */
    private static int readLength(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (digits.size() == 0) {
                    return -1;
                }
                throw new EOFException("stream ended inside a frame length");
            }
            if (b == ' ') {
                int length = Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
                if (length <= 0 || length > MAX_FRAME) {
                    throw new IOException("bad frame length " + length);
                }
                return length;
            }
            if (b < '0' || b > '9' || digits.size() > 7) {
                throw new IOException("not octet counting: byte " + b);
            }
            digits.write(b);
        }
    }
}
