package org.ucspi4j.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ucspi4j.runtime.posix.EnvironmentBytes;

/**
 * The UCSPI-TLS protocol between a server (or client) and its program: the program writes one byte
 * on the control socket, {@code y} (start TLS) or {@code Y} (start TLS and send the session's
 * variables back as {@code NAME=value\0 ... \0}, an empty list as {@code \0\0}), then reads
 * decrypted data from SSLREADFD and writes plaintext to SSLWRITEFD. Shared by sslserver -n and
 * sslclient -y, which put the descriptors at the same numbers.
 */
public final class UcspiTls {
    private UcspiTls() {}

    /** Where the program finds its ends: decrypted input, output to encrypt, the control socket. */
    public static final int READ_FD = 3;
    public static final int WRITE_FD = 4;
    public static final int CONTROL_FD = 5;

    /** SSLCTLFD, SSLREADFD and SSLWRITEFD naming those numbers. */
    public static List<Map.Entry<String, String>> variables() {
        return List.of(Map.entry("SSLCTLFD", Integer.toString(CONTROL_FD)),
                Map.entry("SSLREADFD", Integer.toString(READ_FD)),
                Map.entry("SSLWRITEFD", Integer.toString(WRITE_FD)));
    }

    /** The program's command byte, or -1 when it closed the control socket (or ended) first. */
    public static int readCommand(SocketChannel control) {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            return control.read(one) == 1 ? one.get(0) & 0xff : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    public static boolean startsTls(int command) {
        return command == 'y' || command == 'Y';
    }

    public static boolean wantsVariables(int command) {
        return command == 'Y';
    }

    /**
     * The {@code Y} answer: {@code NAME=value\0} per variable, then one more {@code \0} (an empty list
     * is {@code \0\0}). Characters are written as ISO-8859-1 bytes, as the environment is. A value is
     * cut at a NUL, as the C server's C strings are; a variable whose name is empty or holds '=' or
     * NUL could not be read back as itself and is left out.
     */
    public static byte[] environmentBlock(List<SslVariable> vars) {
        StringBuilder b = new StringBuilder();
        boolean any = false;
        for (SslVariable v : vars) {
            String name = v.name();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                continue;
            }
            b.append(name).append('=').append(EnvironmentBytes.cString(v.byteString())).append('\0');
            any = true;
        }
        b.append('\0');
        if (!any) {
            b.append('\0'); // an empty block is two NULs
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads a {@code Y} answer, for Java programs on the other end of the control socket: the
     * {@code NAME=value} entries up to the first empty one (the closing {@code \0} of the block), in
     * order. Garbage is tolerated: entries without '=' or with an empty name are skipped, and an
     * unterminated tail (a block cut short) is ignored. Values are read as UTF-8, the inverse of
     * {@link #environmentBlock} (bytes that are not UTF-8 become U+FFFD); names byte for byte.
     */
    public static List<SslVariable> parseEnvironmentBlock(byte[] block) {
        List<SslVariable> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < block.length; i++) {
            if (block[i] != 0) {
                continue;
            }
            if (i == start) {
                break; // the empty entry that ends the block
            }
            int eq = start;
            while (eq < i && block[eq] != '=') {
                eq++;
            }
            if (eq > start && eq < i) {
                out.add(new SslVariable(new String(block, start, eq - start, StandardCharsets.ISO_8859_1),
                        new String(block, eq + 1, i - eq - 1, StandardCharsets.UTF_8)));
            }
            start = i + 1;
        }
        return out;
    }

    /** Sends the {@code Y} answer; false if the program is gone. */
    public static boolean sendVariables(SocketChannel control, List<SslVariable> vars) {
        try {
            ByteBuffer block = ByteBuffer.wrap(environmentBlock(vars));
            while (block.hasRemaining()) {
                control.write(block);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
