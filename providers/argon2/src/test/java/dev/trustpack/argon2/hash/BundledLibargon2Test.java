package dev.trustpack.argon2.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which libargon2 file a fresh JVM maps when it hashes through the engine. Each case runs {@link Libargon2Probe} in
 * a JVM of its own: JNA loads a library once per process, so only a new process shows what it would pick.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads the mapped files from /proc/self/maps, which only Linux has")
@DisplayName("The bundled libargon2")
class BundledLibargon2Test {

    @Nested
    @DisplayName("given another libargon2 where JNA looks first (jna.library.path)")
    class GivenADecoyOnTheLibraryPath {

        @Test
        @DisplayName("when the engine hashes, then the bundled copy is mapped and the decoy is not")
        void theBundledCopyWins(@TempDir Path decoy) throws Exception {
            Path decoyLibrary = decoy.resolve(BundledLibargon2.FILE);
            try (InputStream bundled = resource()) {
                Files.copy(bundled, decoyLibrary);
            }

            Probe probe = Probe.run("-Djna.library.path=" + decoy);

            assertThat(probe.pinned()).as(probe.output()).isNotNull();
            assertThat(probe.mapped()).as(probe.output()).containsExactly(probe.pinned());
            assertThat(probe.pinned()).doesNotStartWith(decoy.toRealPath().toString());
            assertThat(probe.bundled()).as(probe.output()).isEqualTo("true");
        }
    }

    @Nested
    @DisplayName("given no jna.* settings")
    class GivenNoSettings {

        @Test
        @DisplayName("when the engine hashes, then only the bundled copy is mapped, whatever the host has installed")
        void onlyTheBundledCopy() throws Exception {
            Probe probe = Probe.run();

            assertThat(probe.mapped()).as(probe.output()).containsExactly(probe.pinned());
            assertThat(Path.of(probe.pinned()).getFileName().toString()).isEqualTo(BundledLibargon2.FILE);
            assertThat(probe.bundled()).as(probe.output()).isEqualTo("true");
        }
    }

    private static InputStream resource() {
        InputStream bundled = BundledLibargon2Test.class.getClassLoader().getResourceAsStream(BundledLibargon2.RESOURCE);
        assertThat(bundled).as("argon2-jvm bundles " + BundledLibargon2.RESOURCE).isNotNull();
        return bundled;
    }

    private record Probe(String output, String pinned, List<String> mapped, String bundled) {

        static Probe run(String... jvmOptions) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Libargon2Probe.class.getName()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            String pinned = null;
            String bundled = null;
            List<String> mapped = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.startsWith("pinned=") && line.length() > "pinned=".length()) {
                    pinned = line.substring("pinned=".length());
                } else if (line.startsWith("mapped=")) {
                    mapped.add(line.substring("mapped=".length()));
                } else if (line.startsWith("bundled=")) {
                    bundled = line.substring("bundled=".length());
                }
            }
            return new Probe(output, pinned, mapped, bundled);
        }
    }
}
