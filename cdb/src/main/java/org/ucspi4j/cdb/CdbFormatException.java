package org.ucspi4j.cdb;

import java.io.IOException;
import java.nio.file.Path;

/** A cdb file that is truncated or corrupt. The message names the file and the defect. */
public final class CdbFormatException extends IOException {
    private final transient Path file;
    private final String defect;

    public CdbFormatException(Path file, String defect) {
        super(file + ": corrupt cdb: " + defect);
        this.file = file;
        this.defect = defect;
    }

    public Path file() {
        return file;
    }

    public String defect() {
        return defect;
    }
}
