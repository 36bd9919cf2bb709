package dev.trustpack.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A plain SMTP server on a loopback port (RFC 5321 commands Keycloak's mailer sends, no TLS, no auth): every message
 * it accepts is kept as its raw text, so a test can read the link Keycloak mailed.
 */
public final class SmtpReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SmtpReceiver() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "smtp-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SmtpReceiver start() throws IOException {
        return new SmtpReceiver();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits for a message that matches and returns it (headers and body, quoted-printable soft breaks undone). */
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
        throw new AssertionError("No matching mail within " + timeout + "; received " + messages.size());
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 localhost test SMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 localhost");
                case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder message = new StringBuilder();
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        message.append(data.startsWith("..") ? data.substring(1) : data).append('\n');
                    }
                    messages.add(message.toString().replace("=\n", "").replace("=3D", "="));
                    reply(out, "250 OK queued");
                }
                case "QUIT" -> {
                    reply(out, "221 Bye");
                    return;
                }
                default -> reply(out, "502 Command not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
