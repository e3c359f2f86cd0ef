package org.ucspi4j.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ucspi4j.runtime.tls.SslVariable;

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

    /** The {@code Y} answer. */
    public static byte[] environmentBlock(List<SslVariable> vars) {
        StringBuilder b = new StringBuilder();
        for (SslVariable v : vars) {
            b.append(v.name()).append('=').append(v.value()).append('\0');
        }
        b.append('\0');
        if (vars.isEmpty()) {
            b.append('\0'); // an empty block is two NULs
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
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
