package dev.trustpack.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Keycloak of our own, outside the test framework, for what the framework cannot do: kill the server process with
 * SIGKILL and start it again on the same data. It is the distribution the build unpacked into
 * {@code target/standalone-keycloak} (system property {@code trustpack.standalone.keycloak}), with the Trustpack
 * jars of the test classpath, started with {@code kc.sh start-dev} on free loopback ports. Its database is an H2 file
 * that writes every commit at once, or PostgreSQL when {@code TRUSTPACK_STANDALONE_DB_URL} is set (CI's PostgreSQL
 * run).
 *
 * <p>{@link KeycloakCluster} starts several of them as the nodes of one production-mode cluster instead.
 */
public final class StandaloneKeycloak implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final List<String> launch;
    private final List<String> options;
    private final String adminPassword;
    private Process process;
    private long logOffsetAtStart;

    private StandaloneKeycloak(Path home, List<String> launch, List<String> options, String adminPassword)
            throws IOException {
        this.home = home;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.launch = launch;
        this.options = options;
        this.adminPassword = adminPassword;
    }

    /**
     * A fresh server home (its own copy of the unpacked distribution, no data) with the given provider jars and
     * realm files to import. {@code options} are extra {@code kc.sh} options.
     */
    public static StandaloneKeycloak prepare(String name, List<Class<?>> providerClasses, Map<String, String> realmFiles,
                                             List<String> options) throws IOException {
        Path home = home(name);
        copyTree(unpackedDistribution(), home);
        installProviders(home, providerClasses);
        importRealms(home, realmFiles);
        List<String> launch = new ArrayList<>(List.of("start-dev", "--log-level=WARN,dev.trustpack:debug"));
        String database = System.getenv("TRUSTPACK_STANDALONE_DB_URL");
        if (database != null && !database.isBlank()) {
            launch.addAll(List.of("--db=postgres", "--db-url=" + database,
                    "--db-username=" + System.getenv().getOrDefault("TRUSTPACK_STANDALONE_DB_USER", "postgres"),
                    "--db-password=" + System.getenv().getOrDefault("TRUSTPACK_STANDALONE_DB_PASSWORD", "unused")));
        } else {
            // H2 writes commits to its file up to half a second later by default, so SIGKILL loses the last commits
            // (Keycloak's and ours alike). WRITE_DELAY=0 writes each commit before it returns, as PostgreSQL does.
            launch.addAll(List.of("--db=dev-file", "--db-url-properties=;WRITE_DELAY=0"));
        }
        return new StandaloneKeycloak(home, launch, options, UUID.randomUUID().toString());
    }

    /**
     * A cluster node in a home of its own, copied from {@code template} (a prepared, already built home): started with
     * {@code kc.sh} and exactly the given launch arguments and options, the database and clustering options among
     * them. Nodes of one cluster share their database, so they share {@code adminPassword} too: whichever node
     * creates the master realm creates the admin.
     */
    static StandaloneKeycloak node(String name, Path template, Map<String, String> realmFiles, List<String> launch,
                                   List<String> options, String adminPassword) throws IOException {
        Path home = home(name);
        copyTree(template, home);
        importRealms(home, realmFiles);
        return new StandaloneKeycloak(home, launch, options, adminPassword);
    }

    /** A fresh copy of the unpacked distribution with the given provider jars, not started: a template for nodes. */
    static Path template(String name, List<Class<?>> providerClasses) throws IOException {
        Path home = home(name);
        copyTree(unpackedDistribution(), home);
        installProviders(home, providerClasses);
        return home;
    }

    private static Path unpackedDistribution() {
        Path unpacked = Path.of(System.getProperty("trustpack.standalone.keycloak", "target/standalone-keycloak/missing"));
        if (!Files.isExecutable(unpacked.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No unpacked Keycloak at " + unpacked + " (the it-tests POM unpacks it in "
                    + "pre-integration-test; run through Maven)");
        }
        return unpacked;
    }

    private static Path home(String name) throws IOException {
        Path home = Path.of("target", "standalone", name).toAbsolutePath();
        deleteTree(home);
        return home;
    }

    private static void installProviders(Path home, List<Class<?>> providerClasses) throws IOException {
        for (Class<?> providerClass : providerClasses) {
            Path jar = jarOf(providerClass);
            Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void importRealms(Path home, Map<String, String> realmFiles) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        for (Map.Entry<String, String> realm : realmFiles.entrySet()) {
            Files.writeString(imports.resolve(realm.getKey()), realm.getValue());
        }
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Starts (or starts again, on the same data) and waits until the server is ready. */
    public void start() throws IOException, InterruptedException {
        launch();
        awaitReady();
    }

    private void launch() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("Already running: " + home);
        }
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(launch);
        command.addAll(List.of("--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--import-realm"));
        command.addAll(options);
        Path log = logFile();
        logOffsetAtStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** What the server logged since it was last started (the log file keeps every start's output). */
    public String logSinceStart() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile())) {
            channel.position(Math.min(logOffsetAtStart, channel.size()));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
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

    /** SIGTERM: Keycloak shuts down gracefully (leaves the cluster, finishes its work); SIGKILL after 30 s. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                killHard();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
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
