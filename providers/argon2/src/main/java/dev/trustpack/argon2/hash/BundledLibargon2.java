package dev.trustpack.argon2.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
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

    private BundledLibargon2() {
    }

    /** The bundled copy JNA will load, or empty (with a warning) when it could not be put in place. */
    static Optional<Path> pinned() {
        return Holder.PINNED;
    }

    /**
     * The libargon2 files this process has mapped, read from {@code /proc/self/maps}; empty where that file does not
     * exist (not Linux) or before the first hash.
     */
    static List<Path> mapped() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        String file = System.mapLibraryName(LIBRARY);
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(path -> Path.of(path).getFileName() != null
                            && Path.of(path).getFileName().toString().startsWith(file))
                    .distinct().map(Path::of).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static final class Holder {
        static final Optional<Path> PINNED = pin();
    }

    private static Optional<Path> pin() {
        String resource = Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName(LIBRARY);
        try (InputStream bundled = BundledLibargon2.class.getClassLoader().getResourceAsStream(resource)) {
            if (bundled == null) {
                LOG.warnf("No libargon2 is bundled for this platform (%s); JNA will look for one on the system",
                        resource);
                return Optional.empty();
            }
            // createTempDirectory gives an owner-only directory, so no other user can swap the file before it loads.
            Path directory = Files.createTempDirectory("trustpack-argon2-");
            Path library = directory.resolve(System.mapLibraryName(LIBRARY));
            directory.toFile().deleteOnExit();
            library.toFile().deleteOnExit();
            Files.copy(bundled, library, StandardCopyOption.REPLACE_EXISTING);
            NativeLibrary.addSearchPath(LIBRARY, directory.toString());
            return Optional.of(library.toRealPath());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The bundled libargon2 (%s) could not be put in place (%s); JNA will look for one on the system "
                    + "first", resource, e.toString());
            return Optional.empty();
        }
    }
}
