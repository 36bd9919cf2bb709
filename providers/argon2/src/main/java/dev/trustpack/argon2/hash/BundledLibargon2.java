package dev.trustpack.argon2.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.jboss.logging.Logger;

/**
 * Makes JNA load the libargon2 this jar ships, never a copy the host happens to have.
 *
 * <p>Left alone, JNA looks for {@code argon2} on {@code jna.library.path} and in the system's library directories
 * before it extracts the copy bundled in the jar: a host with Debian's {@code libargon2-1} (pulled in by
 * {@code libcryptsetup12}, for one) would hash every password with that build instead of the one the tests and the
 * benchmarks ran. Search paths registered for one library name come before all of those, so the bundled file is
 * copied into a directory only this process can write and registered there, before argon2-jvm loads the library.
 *
 * <p>Process-wide by nature: JNA keeps one loaded library per name for the whole JVM, so this runs once per class
 * loader, not per runtime.
 */
final class BundledLibargon2 {

    private static final Logger LOG = Logger.getLogger(BundledLibargon2.class);

    /** The name argon2-jvm asks JNA for. */
    static final String LIBRARY = "argon2";
    /** The file name of the library on this platform, in the jar and on disk. */
    static final String FILE = System.mapLibraryName(LIBRARY);
    /** Where argon2-jvm's jar (shaded into ours) keeps the build for this platform. */
    static final String RESOURCE = Platform.RESOURCE_PREFIX + "/" + FILE;

    private BundledLibargon2() {
    }

    /**
     * Which libargon2 this process runs: the files it mapped ({@code /proc/self/maps}; none where that does not exist)
     * and the bundled copy registered with JNA, if it could be put in place.
     */
    record Loaded(List<Path> mapped, Optional<Path> pinned) {

        /** Empty where the mapped files cannot be read (not Linux), else whether only the bundled copy is mapped. */
        Optional<Boolean> bundled() {
            return mapped.isEmpty() ? Optional.empty()
                    : Optional.of(pinned.isPresent() && mapped.equals(List.of(pinned.get())));
        }

        /** For the server info of the hash provider, next to its settings. */
        Map<String, String> describe() {
            Map<String, String> info = new LinkedHashMap<>();
            info.put("native-library", mapped.isEmpty() ? "unknown" : mapped.stream().map(Path::toString)
                    .collect(Collectors.joining(",")));
            info.put("native-library-bundled", bundled().map(String::valueOf).orElse("unknown"));
            return info;
        }

        /** Logged once at start-up, so an operator can see which build hashes the passwords. */
        void log() {
            if (bundled().isEmpty()) {
                LOG.infof("Argon2: libargon2 loaded; the bundled copy registered with JNA: %s",
                        pinned.map(Path::toString).orElse("none"));
            } else if (bundled().get()) {
                LOG.infof("Argon2: the bundled libargon2 is loaded from %s", pinned.orElseThrow());
            } else {
                LOG.warnf("Argon2: libargon2 is loaded from %s, not from the copy bundled with Trustpack; the "
                        + "self-test passed, but this build was not the one tested", mapped);
            }
        }
    }

    /** The bundled copy JNA will load, or empty (with a warning) when it could not be put in place. */
    static Optional<Path> pinned() {
        return Holder.PINNED;
    }

    /** What is loaded now; call after the first hash (the start-up self-test), when the library is mapped. */
    static Loaded loaded() {
        return new Loaded(mapped(), pinned());
    }

    private static List<Path> mapped() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.filter(line -> line.indexOf('/') >= 0)
                    .map(line -> Path.of(line.substring(line.indexOf('/'))))
                    .filter(path -> path.getFileName().toString().startsWith(FILE))
                    .distinct().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static final class Holder {
        static final Optional<Path> PINNED = pin();
    }

    private static Optional<Path> pin() {
        try (InputStream bundled = BundledLibargon2.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (bundled == null) {
                LOG.warnf("No libargon2 is bundled for this platform (%s); JNA will look for one on the system",
                        RESOURCE);
                return Optional.empty();
            }
            // createTempDirectory gives an owner-only directory, so no other user can swap the file before it loads.
            Path directory = Files.createTempDirectory("trustpack-argon2-");
            Path library = directory.resolve(FILE);
            directory.toFile().deleteOnExit();
            library.toFile().deleteOnExit();
            Files.copy(bundled, library, StandardCopyOption.REPLACE_EXISTING);
            NativeLibrary.addSearchPath(LIBRARY, directory.toString());
            return Optional.of(library.toRealPath());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The bundled libargon2 (%s) could not be put in place (%s); JNA will look for one on the system "
                    + "first", RESOURCE, e.toString());
            return Optional.empty();
        }
    }
}
