package org.ucspi4j.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs as child processes: ours through the real launcher ({@code bin/cdbmake} ...), the C
 * tools from Debian's tinycdb and freecdb. Arguments are byte strings: they go through {@code sh} as
 * octal escapes, because Java would encode them in the locale's charset and bytes over 0x7f would
 * not arrive as they are.
 */
final class Proc {
    private Proc() {}

    /** The checkout whose {@code bin/} launchers are tested (failsafe passes it). */
    static final Path HOME = Path.of(System.getProperty("ucspi4j.home", "..")).toAbsolutePath().normalize();

    /** The jar the launchers run; failsafe passes the one just built. */
    static final String JAR = System.getProperty("ucspi4j.jar");

    /** One finished process. */
    record Run(int exit, byte[] out, String err) {
        String outText() {
            return new String(out, ISO_8859_1);
        }

        @Override
        public String toString() {
            String shown = outText();
            return "exit " + exit + ", stdout " + out.length + " bytes ["
                    + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown) + "], stderr [" + err + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Run r && exit == r.exit && Arrays.equals(out, r.out) && err.equals(r.err);
        }

        @Override
        public int hashCode() {
            return 31 * exit + Arrays.hashCode(out) + err.hashCode();
        }
    }

    /** Asserts that two runs agree on exit code, stderr and every stdout byte. */
    static void assertSameRun(String what, Run ours, Run reference) {
        assertThat(ours.exit()).as("%s: exit code (ours: %s; reference: %s)", what, ours, reference)
                .isEqualTo(reference.exit());
        assertThat(ours.err()).as("%s: stderr", what).isEqualTo(reference.err());
        Bytes.assertSame(what + ": stdout", ours.out(), reference.out());
    }

    /** Our launcher for {@code program}. */
    static String ours(String program) {
        return HOME.resolve("bin").resolve(program).toString();
    }

    /** Fails with a hint when the C reference tools are missing. */
    static void requireCTools() {
        for (String tool : List.of("/usr/bin/cdb", "/usr/bin/cdbmake", "/usr/bin/cdbdump", "/usr/bin/cdbget",
                "/usr/bin/cdbstats")) {
            assertThat(Path.of(tool)).as("%s (Debian packages tinycdb and freecdb; bin/test installs them)", tool)
                    .isExecutable();
        }
    }

    /** Runs {@code argv} in {@code dir} with stdin from {@code stdin} (null: /dev/null). */
    static Run run(Path dir, Path stdin, String... argv) {
        byte[][] bytes = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            bytes[i] = argv[i].getBytes(ISO_8859_1);
        }
        return run(dir, stdin, bytes);
    }

    /** As {@link #run(Path, Path, String...)}, with arguments as raw bytes (NUL excepted: argv cannot hold it). */
    static Run run(Path dir, Path stdin, byte[]... argv) {
        return shell(dir, stdin, script(argv));
    }

    /**
     * Runs {@code argv} with stdout redirected as {@code redirection} says (e.g. {@code "> /dev/full"}) and
     * stdin from {@code stdin} through a pipe when {@code piped}, so the program cannot seek it.
     */
    static Run run(Path dir, Path stdin, boolean piped, String redirection, String... argv) {
        byte[][] bytes = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) {
            bytes[i] = argv[i].getBytes(ISO_8859_1);
        }
        String command = script(bytes) + " " + redirection;
        if (piped) {
            return shell(dir, null, "cat '" + stdin + "' | (" + command + ")");
        }
        return shell(dir, stdin, command);
    }

    /** Runs an {@code sh -c} script; stdout and stderr are captured. */
    static Run shell(Path dir, Path stdin, String script) {
        try {
            Path out = Files.createTempFile(dir, ".out", "");
            Path err = Files.createTempFile(dir, ".err", "");
            try {
                // A directory cannot be given to ProcessBuilder as stdin; the shell can open one.
                boolean viaShell = stdin != null && Files.isDirectory(stdin);
                String command = viaShell ? "exec <'" + stdin + "'; " + script : script;
                ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile())
                        .redirectInput(stdin == null || viaShell ? Path.of("/dev/null").toFile() : stdin.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                if (JAR != null) {
                    pb.environment().put("UCSPI4J_JAR", JAR);
                }
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + script);
                }
                return new Run(p.exitValue(), Files.readAllBytes(out), Files.readString(err, ISO_8859_1));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code exec argv...}, each argument a plain quoted word or, with unusual bytes, rebuilt by printf. */
    private static String script(byte[][] argv) {
        StringBuilder s = new StringBuilder();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (plain(argv[i])) {
                words.add("'" + new String(argv[i], ISO_8859_1) + "'");
                continue;
            }
            StringBuilder format = new StringBuilder();
            for (byte b : argv[i]) {
                if (b == 0) {
                    throw new IllegalArgumentException("an argument cannot hold NUL");
                }
                format.append('\\').append(String.format("%03o", b & 0xff));
            }
            // The x keeps trailing newlines from being stripped by $(...).
            s.append("a").append(i).append("=$(printf '").append(format).append("x'); a").append(i)
                    .append("=${a").append(i).append("%x}; ");
            words.add("\"$a" + i + "\"");
        }
        return s.append("exec ").append(String.join(" ", words)).toString();
    }

    private static boolean plain(byte[] arg) {
        for (byte b : arg) {
            if (b < 0x20 || b > 0x7e || b == '\'') {
                return false;
            }
        }
        return true;
    }
}
