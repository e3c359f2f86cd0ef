package org.ucspi4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ucspi4j.cdb.CdbFormatException;
import org.ucspi4j.cdb.CdbReader;
import org.ucspi4j.runtime.posix.ErrorText;

/** Standard input as a path, for tools that read a seekable cdb on fd 0 as the C ones do. */
final class StdinFile {
    private StdinFile() {}

    static Path path() {
        return Path.of("/proc/self/fd/0");
    }

    /**
     * Maps the cdb on stdin. Stdin that cannot be mapped (a directory, say) is read once, so that the
     * error is the one the C tools get from read(2) ("is a directory"); stdin that reads fine but cannot
     * be mapped is refused as a format error, as the C tools' seek-and-read lookups fail on it.
     */
    static CdbReader open(Io io) throws IOException {
        try {
            return CdbReader.open(path());
        } catch (CdbFormatException e) {
            throw e;
        } catch (IOException e) {
            io.in().read();
            throw new CdbFormatException(path(), "cannot be mapped: " + ErrorText.of(e));
        }
    }
}
