package org.ucspi4j.cdb;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** The temporary path no longer names the file this run wrote: nothing was renamed or removed. */
public final class TempFileLostException extends FileSystemException {
    public TempFileLostException(Path path, String reason) {
        super(path.toString(), null, reason);
    }
}
