package org.ucspi4j.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest of DJB's cdb-0.75 (which its own tests use) through the launchers: {@code cdbmake-12} and
 * {@code cdbmake-sv}, there shell scripts that turn lines into cdbmake text with awk and run cdbmake,
 * here compared byte for byte with Debian's freecdb cdbmake fed the text their manual pages describe;
 * {@code cdbtest}'s tallies; and errno messages in the words freecdb prints.
 */
class CdbScriptsIT {
    @BeforeAll
    static void tools() {
        Proc.requireCTools();
    }

    /** A cdbmake record. */
    private static void record(ByteArrayOutputStream out, String key, String data) {
        out.writeBytes(("+" + key.getBytes(ISO_8859_1).length + "," + data.getBytes(ISO_8859_1).length + ":" + key + "->"
                + data + "\n").getBytes(ISO_8859_1));
    }

    /** cdbmake-12 against freecdb's cdbmake on the records its manual describes, line by line. */
    @Test
    void cdbmake12MakesWhatCdbmakeMakesOfItsLines(@TempDir Path dir) throws IOException {
        String lines = "one\tHello\n# a comment line\n\n two  Goodbye extra fields\n#three\tx\nkey-only\n"
                + "tabs\t\tand  spaces\n last-without-newline\tyes";
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        record(text, "one", "Hello");
        record(text, "two", "Goodbye"); // leading blanks: awk's fields skip them; the line starts with no '#'
        record(text, "key-only", "");
        record(text, "tabs", "and");
        record(text, "last-without-newline", "yes");
        text.write('\n');
        assertSameCdb(dir, "cdbmake-12", lines, text.toByteArray());
    }

    /** cdbmake-sv: the manual's example, aliases, comments and lines that give nothing. */
    @Test
    void cdbmakeSvMakesForwardAndBackwardRecords(@TempDir Path dir) throws IOException {
        String services = "# /etc/services\ndiscard 9/tcp sink null\ndiscard\t9/udp\tsink null # trailing\n"
                + "lonely\nnoslash 99\n\n  smtp   25/tcp   mail\nodd 7/tcp/x\n";
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        record(text, "@9/tcp", "discard");
        record(text, "discard/tcp", "9");
        record(text, "sink/tcp", "9");
        record(text, "null/tcp", "9");
        record(text, "@9/udp", "discard");
        record(text, "discard/udp", "9");
        record(text, "sink/udp", "9");
        record(text, "null/udp", "9");
        record(text, "@25/tcp", "smtp");
        record(text, "smtp/tcp", "25");
        record(text, "mail/tcp", "25");
        record(text, "@7/tcp", "odd");
        record(text, "odd/tcp", "7");
        text.write('\n');
        assertSameCdb(dir, "cdbmake-sv", services, text.toByteArray());
        Proc.Run get = Proc.run(dir, dir.resolve("ours.cdb"), Proc.ours("cdbget"), "@9/tcp");
        assertThat(get.outText()).isEqualTo("discard");
    }

    private static void assertSameCdb(Path dir, String script, String lines, byte[] cdbmakeText) throws IOException {
        Path in = Files.write(dir.resolve("in"), lines.getBytes(ISO_8859_1));
        Path text = Files.write(dir.resolve("text"), cdbmakeText);
        Proc.Run ours = Proc.run(dir, in, Proc.ours(script), "ours.cdb", "ours.tmp");
        Proc.Run reference = Proc.run(dir, text, "cdbmake", "free.cdb", "free.tmp");
        assertThat(ours.exit()).as(ours.toString()).isZero();
        assertThat(reference.exit()).as(reference.toString()).isZero();
        Bytes.assertSame(script, Files.readAllBytes(dir.resolve("ours.cdb")), Files.readAllBytes(dir.resolve("free.cdb")));
        // the scripts run cdbmake, so their usage and messages are cdbmake's
        Proc.Run usage = Proc.run(dir, in, Proc.ours(script), "only-one");
        assertThat(usage.exit()).isEqualTo(100);
        assertThat(usage.err()).isEqualTo(Proc.run(dir, in, "cdbmake", "only-one").err());
    }

    /**
     * cdbtest on a cdb freecdb made: duplicate keys count as "different record" after the first, keys
     * over 1024 bytes as "untested", the rest as found.
     */
    @Test
    void cdbtestTalliesEveryRecord(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add("key" + i);
        }
        keys.add("key7"); // a duplicate of an earlier key...
        keys.add("key7"); // ...twice
        keys.add("k".repeat(1025)); // too long to test
        keys.add("k".repeat(1024)); // just tested
        for (String k : keys) {
            record(text, k, "v" + k.length());
        }
        text.write('\n');
        Path input = Files.write(dir.resolve("text"), text.toByteArray());
        assertThat(Proc.run(dir, input, "cdbmake", "t.cdb", "t.tmp").exit()).isZero();

        Proc.Run run = Proc.run(dir, dir.resolve("t.cdb"), Proc.ours("cdbtest"));
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.outText()).isEqualTo("found: 501\ndifferent record: 2\nbad length: 0\nnot found: 0\nuntested: 1\n");

        // a damaged file: refused as a whole, as by cdbget
        byte[] cdb = Files.readAllBytes(dir.resolve("t.cdb"));
        Path cut = Files.write(dir.resolve("cut.cdb"), java.util.Arrays.copyOf(cdb, cdb.length - 100));
        Proc.Run damaged = Proc.run(dir, cut, Proc.ours("cdbtest"));
        assertThat(damaged.exit()).isEqualTo(111);
        assertThat(damaged.err()).isEqualTo("cdbtest: fatal: unable to read input: protocol error\n");
    }

    /** An errno in the C library's words as freecdb prints them, not Java's. */
    @Test
    void aSymbolicLinkLoopIsSaidAsFreecdbSaysIt(@TempDir Path dir) throws IOException {
        Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
        Path text = Files.writeString(dir.resolve("text"), "+1,1:a->b\n\n", ISO_8859_1);
        Proc.assertSameRun("cdbmake into loop/x", Proc.run(dir, text, Proc.ours("cdbmake"), "x.cdb", "loop/x.tmp"),
                Proc.run(dir, text, "cdbmake", "x.cdb", "loop/x.tmp"));
        assertThat(Proc.run(dir, text, "cdbmake", "x.cdb", "loop/x.tmp").err()).contains("symbolic link loop");
    }
}
