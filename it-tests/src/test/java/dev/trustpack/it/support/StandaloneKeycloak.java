package dev.trustpack.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Keycloak of our own, outside the test framework, for what the framework cannot do: kill the server process with
 * SIGKILL and start it again on the same data. It is the distribution the build unpacked into
 * {@code target/standalone-keycloak} (system property {@code trustpack.standalone.keycloak}), with the Trustpack
 * jars of the test classpath, started with {@code kc.sh start-dev} on free loopback ports. Its database is an H2 file
 * that writes every commit at once, or PostgreSQL when {@code TRUSTPACK_STANDALONE_DB_URL} is set (CI's PostgreSQL
 * run).
 */
public final class StandaloneKeycloak implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final List<String> options;
    private final String adminPassword = UUID.randomUUID().toString();
    private Process process;

    private StandaloneKeycloak(Path home, List<String> options) throws IOException {
        this.home = home;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.options = options;
    }

    /**
     * A fresh server home (its own copy of the unpacked distribution, no data) with the given provider jars and
     * realm files to import. {@code options} are extra {@code kc.sh} options.
     */
    public static StandaloneKeycloak prepare(String name, List<Class<?>> providerClasses, Map<String, String> realmFiles,
                                             List<String> options) throws IOException {
        Path unpacked = Path.of(System.getProperty("trustpack.standalone.keycloak", "target/standalone-keycloak/missing"));
        if (!Files.isExecutable(unpacked.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No unpacked Keycloak at " + unpacked + " (the it-tests POM unpacks it in "
                    + "pre-integration-test; run through Maven)");
        }
        Path home = Path.of("target", "standalone", name).toAbsolutePath();
        deleteTree(home);
        copyTree(unpacked, home);
        for (Class<?> providerClass : providerClasses) {
            Path jar = jarOf(providerClass);
            Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        for (Map.Entry<String, String> realm : realmFiles.entrySet()) {
            Files.writeString(imports.resolve(realm.getKey()), realm.getValue());
        }
        return new StandaloneKeycloak(home, options);
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Starts (or starts again, on the same data) and waits until the server is ready. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort, "--health-enabled=true",
                "--import-realm", "--log-level=WARN,dev.trustpack:debug"));
        String database = System.getenv("TRUSTPACK_STANDALONE_DB_URL");
        if (database != null && !database.isBlank()) {
            command.addAll(List.of("--db=postgres", "--db-url=" + database,
                    "--db-username=" + System.getenv().getOrDefault("TRUSTPACK_STANDALONE_DB_USER", "postgres"),
                    "--db-password=" + System.getenv().getOrDefault("TRUSTPACK_STANDALONE_DB_PASSWORD", "unused")));
        } else {
            // H2 writes commits to its file up to half a second later by default, so SIGKILL loses the last commits
            // (Keycloak's and ours alike). WRITE_DELAY=0 writes each commit before it returns, as PostgreSQL does.
            command.addAll(List.of("--db=dev-file", "--db-url-properties=;WRITE_DELAY=0"));
        }
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("keycloak.log").toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        awaitReady();
    }

    /** SIGKILL to the server process (kc.sh execs java, so this is the JVM) and its children; no shutdown hooks run. */
    public void killHard() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        process = null;
    }

    public Path logFile() {
        return home.resolve("keycloak.log");
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                killHard();
            }
            process = null;
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://localhost:" + managementPort + "/health/ready");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see "
                        + home.resolve("keycloak.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + "; see "
                + home.resolve("keycloak.log"));
    }

    private static Path jarOf(Class<?> providerClass) {
        try {
            Path location = Path.of(providerClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IllegalStateException(providerClass.getName() + " is not loaded from a jar (" + location
                        + "); run the integration tests after 'package'");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
