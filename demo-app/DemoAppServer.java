import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the demo SPA (static files) on loopback. Run with the JDK's source launcher, no build needed:
 * {@code java demo-app/DemoAppServer.java 3000 demo-app/static}. Every path that is not a file answers with
 * index.html, so the OIDC redirect back to the app lands on the page that handles it.
 */
public final class DemoAppServer {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "3000");
        Path root = Path.of(args.length > 1 ? args[1] : "static").toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> serve(exchange, root));
        server.start();
        System.out.println("Demo app on http://localhost:" + port + "/");
    }

    private static void serve(HttpExchange exchange, Path root) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            file = root.resolve("index.html");
        }
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        byte[] body = Files.readAllBytes(file);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("Content-Security-Policy",
                "default-src 'self'; connect-src 'self' http://localhost:8080 http://127.0.0.1:8080; "
                        + "style-src 'self' http://localhost:8080 http://127.0.0.1:8080; img-src 'self' data: https:");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
