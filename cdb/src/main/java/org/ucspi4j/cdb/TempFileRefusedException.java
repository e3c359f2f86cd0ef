package org.ucspi4j.cdb;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** The temporary path names something that must not be written or removed; the reason says what. */
public final class TempFileRefusedException extends FileSystemException {
    public TempFileRefusedException(Path path, String reason) {
        super(path.toString(), null, reason);
    }
}
