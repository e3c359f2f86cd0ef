package org.ucspi4j.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/** Rules cdbs for {@code -x}/{@code -y}, compiled by ucspi4j's tcprules or by Debian's C tcprules. */
final class Rules {
    private Rules() {}

    /** Who compiles: the launcher under test, or djb's tcprules as Debian ships it. */
    enum Compiler {
        UCSPI4J, DEBIAN;

        Path program() {
            return this == UCSPI4J ? Launcher.bin("tcprules") : Launcher.debianTcprules();
        }
    }

    /** Compiles {@code text} into {@code cdb} (through a temporary file renamed into place, as tcprules does). */
    static void compile(Compiler compiler, Path cdb, String text) {
        Path program = compiler.program();
        if (program == null) {
            throw new AssertionError("Debian's tcprules is not unpacked (bin/test or .ci/run does that)");
        }
        Tools.Result r = Tools.run(cdb.getParent(), Launcher.baseEnvironment(),
                text.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(60),
                List.of(program.toString(), cdb.toString(), cdb + ".tmp"));
        if (r.exit() != 0) {
            throw new AssertionError(compiler + " tcprules failed: " + r);
        }
    }

    /** Puts {@code bytes} in place of {@code cdb} the way tcprules would: a new file renamed over it. */
    static void replaceWith(Path cdb, byte[] bytes) {
        try {
            Path tmp = cdb.resolveSibling(cdb.getFileName() + ".new");
            Files.write(tmp, bytes);
            Files.move(tmp, cdb, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
