package org.ucspi4j.runtime.posix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What to run: the program, its argv and environment as raw bytes (the C tools pass bytes through
 * untouched, so no charset is involved), and its file descriptors.
 *
 * @param program the program to run; a name without '/' is searched for in {@code searchPath}
 * @param argv    the argument vector including argv[0]; no element may contain NUL
 * @param envp    the complete environment, each entry {@code NAME=value}; no element may contain NUL
 * @param fds     the child's file descriptors; every other fd is closed
 * @param searchPath the PATH to search for {@code program}, or null to use the PATH entry of {@code envp}
 *                   (as the C tools do: they set the new environment, then execvp), and "/bin:/usr/bin"
 *                   when that has none
 */
public record SpawnRequest(byte[] program, byte[][] argv, byte[][] envp, FdMap fds, byte[] searchPath) {
    public SpawnRequest {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(argv, "argv");
        Objects.requireNonNull(envp, "envp");
        Objects.requireNonNull(fds, "fds");
        program = program.clone();
        argv = deepCopy(argv);
        envp = deepCopy(envp);
        searchPath = searchPath == null ? null : searchPath.clone();
    }

    /** argv[0] is the program, searched for in the environment's PATH. */
    public SpawnRequest(byte[][] argv, byte[][] envp, FdMap fds) {
        this(argv.length == 0 ? new byte[0] : argv[0], argv, envp, fds, null);
    }

    /** Convenience for ASCII/UTF-8 strings (tests, fixed helper programs). */
    public static SpawnRequest of(FdMap fds, String[] envp, String... argv) {
        return new SpawnRequest(utf8(argv), utf8(envp), fds);
    }

    @Override
    public byte[] program() {
        return program.clone();
    }

    @Override
    public byte[][] argv() {
        return deepCopy(argv);
    }

    @Override
    public byte[][] envp() {
        return deepCopy(envp);
    }

    @Override
    public byte[] searchPath() {
        return searchPath == null ? null : searchPath.clone();
    }

    /** The PATH to search: {@link #searchPath()}, else envp's PATH, else "/bin:/usr/bin". */
    byte[] effectiveSearchPath() {
        if (searchPath != null) {
            return searchPath;
        }
        for (byte[] entry : envp) {
            if (entry.length >= 5 && entry[0] == 'P' && entry[1] == 'A' && entry[2] == 'T' && entry[3] == 'H'
                    && entry[4] == '=') {
                return Arrays.copyOfRange(entry, 5, entry.length);
            }
        }
        return "/bin:/usr/bin".getBytes(StandardCharsets.US_ASCII);
    }

    byte[] rawProgram() {
        return program;
    }

    byte[][] rawArgv() {
        return argv;
    }

    byte[][] rawEnvp() {
        return envp;
    }

    private static byte[][] deepCopy(byte[][] in) {
        byte[][] out = new byte[in.length][];
        for (int i = 0; i < in.length; i++) {
            out[i] = Objects.requireNonNull(in[i], "null element").clone();
        }
        return out;
    }

    private static byte[][] utf8(String[] strings) {
        byte[][] out = new byte[strings.length][];
        for (int i = 0; i < strings.length; i++) {
            out[i] = strings[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpawnRequest r && Arrays.equals(program, r.program) && Arrays.deepEquals(argv, r.argv)
                && Arrays.deepEquals(envp, r.envp) && fds.equals(r.fds) && Arrays.equals(searchPath, r.searchPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(program), Arrays.deepHashCode(argv), Arrays.deepHashCode(envp), fds,
                Arrays.hashCode(searchPath));
    }

    @Override
    public String toString() {
        return "SpawnRequest[program=" + new String(program, StandardCharsets.ISO_8859_1) + ", argc=" + argv.length
                + ", envc=" + envp.length + ", " + fds + "]";
    }
}
