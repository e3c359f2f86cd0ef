package org.ucspi4j.cdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileTest {
    @TempDir
    Path dir;

    private CdbWriter writer(String tmp) throws IOException {
        return CdbWriter.create(dir.resolve("t.cdb"), dir.resolve(tmp));
    }

    @Test
    void aSymbolicLinkIsRefusedAndNothingIsWrittenThroughIt() throws IOException {
        Files.writeString(dir.resolve("victim"), "victim");
        Files.createSymbolicLink(dir.resolve("t.tmp"), dir.resolve("victim"));
        Files.createSymbolicLink(dir.resolve("d.tmp"), dir.resolve("nowhere"));

        assertThatThrownBy(() -> writer("t.tmp")).isInstanceOf(TempFileRefusedException.class)
                .hasMessageEndingWith(": is a symbolic link");
        assertThatThrownBy(() -> writer("d.tmp")).isInstanceOf(TempFileRefusedException.class);
        assertThat(dir.resolve("victim")).hasContent("victim");
        assertThat(dir.resolve("nowhere")).doesNotExist();
        assertThat(dir.resolve("t.tmp")).isSymbolicLink();
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Files.createDirectory(dir.resolve("t.tmp"));
        assertThatThrownBy(() -> writer("t.tmp")).isInstanceOf(TempFileRefusedException.class)
                .hasMessageEndingWith(": is a directory");
    }

    @Test
    void aDeviceIsRefused() {
        assertThatThrownBy(() -> CdbWriter.create(dir.resolve("t.cdb"), Path.of("/dev/null")))
                .isInstanceOf(TempFileRefusedException.class).hasMessageEndingWith(": not a regular file");
    }

    @Test
    void aHardLinkedStaleFileLosesOnlyThisName() throws IOException {
        Files.writeString(dir.resolve("victim"), "victim");
        Files.createLink(dir.resolve("t.tmp"), dir.resolve("victim"));
        try (CdbWriter w = writer("t.tmp")) {
            w.add("k".getBytes(US_ASCII), "v".getBytes(US_ASCII));
            w.commit();
        }
        assertThat(dir.resolve("victim")).hasContent("victim");
        try (CdbReader r = CdbReader.open(dir.resolve("t.cdb"))) {
            assertThat(r.find("k".getBytes(US_ASCII)).orElseThrow()).isEqualTo("v".getBytes(US_ASCII));
        }
    }

    @Test
    void aLiveTemporaryFileIsNotTakenOver() throws IOException {
        try (CdbWriter first = writer("t.tmp")) {
            assertThatThrownBy(() -> writer("t.tmp")).isInstanceOf(TempFileRefusedException.class)
                    .hasMessageEndingWith(": in use by another process");
            first.commit();
        }
        assertThat(dir.resolve("t.cdb")).exists();
        assertThat(dir.resolve("t.tmp")).doesNotExist();
    }

    @Test
    void aPathTakenOverIsNeitherInstalledNorRemoved() throws IOException {
        Files.writeString(dir.resolve("t.cdb"), "old");
        try (CdbWriter w = writer("t.tmp")) {
            w.add("k".getBytes(US_ASCII), "v".getBytes(US_ASCII));
            // Another process replaces the path (as a run that took it for stale would).
            Files.delete(dir.resolve("t.tmp"));
            Files.writeString(dir.resolve("t.tmp"), "theirs");
            assertThatThrownBy(w::commit).isInstanceOf(CdbWriter.RenameException.class)
                    .hasCauseInstanceOf(TempFileLostException.class);
        }
        assertThat(dir.resolve("t.cdb")).hasContent("old");
        assertThat(dir.resolve("t.tmp")).hasContent("theirs");
    }

    @Test
    void anAbandonedPathTakenOverIsLeftToItsOwner() throws IOException {
        try (CdbWriter w = writer("t.tmp")) {
            w.add("k".getBytes(US_ASCII), "v".getBytes(US_ASCII));
            Files.delete(dir.resolve("t.tmp"));
            Files.writeString(dir.resolve("t.tmp"), "theirs");
        }
        assertThat(dir.resolve("t.tmp")).hasContent("theirs");
    }
}
