package org.ucspi4j.cli;

import java.nio.file.Path;

/** Standard input as a path, for tools that read a seekable cdb on fd 0 as the C ones do. */
final class StdinFile {
    private StdinFile() {}

    static Path path() {
        return Path.of("/proc/self/fd/0");
    }
}
