package org.ucspi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.ucspi4j.runtime.posix.UnixSocketPair;

/**
 * UCSPI-TLS control channel: what a program may write on SSLCTLFD, and the {@code Y} answer.
 * Seeds: {@code UcspiTlsFuzzTestInputs/<method>/}; see docs/fuzzing.md for longer runs.
 */
class UcspiTlsFuzzTest {

    /**
     * The input is everything the program writes on its end of a real socketpair before it shuts
     * its side down. The server's decision depends on the first byte alone: {@code y} TLS, {@code Y}
     * TLS and the variables, EOF or any other byte no TLS; it never blocks once the program is done.
     * For {@code Y} the rest of the input makes up variables, and the program reads back exactly
     * {@link UcspiTls#environmentBlock} of them, which parses back to them.
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void controlChannel(byte[] data) throws Exception {
        Thread program;
        try (UnixSocketPair pair = UnixSocketPair.open()) {
            program = Thread.ofVirtual().start(() -> {
                try {
                    writeAll(pair.second(), data);
                    pair.second().shutdownOutput();
                } catch (IOException e) {
                    // the server side went away: it only reads one byte
                }
            });
            int command = UcspiTls.readCommand(pair.first());
            int expected = data.length == 0 ? -1 : data[0] & 0xff;
            assertThat(command).isEqualTo(expected);
            assertThat(UcspiTls.startsTls(command)).isEqualTo(expected == 'y' || expected == 'Y');
            assertThat(UcspiTls.wantsVariables(command)).isEqualTo(expected == 'Y');
            if (UcspiTls.wantsVariables(command)) {
                List<SslVariable> vars = variables(new FuzzInput(Arrays.copyOfRange(data, 1, data.length)));
                assertThat(UcspiTls.sendVariables(pair.first(), vars)).isTrue();
                pair.first().shutdownOutput();
                byte[] answer = readAll(pair.second());
                // the program's own bytes after the command are not echoed: the answer is the block alone
                assertThat(answer).isEqualTo(UcspiTls.environmentBlock(vars));
                assertWellFormed(answer);
                assertThat(UcspiTls.parseEnvironmentBlock(answer)).isEqualTo(expectedRoundTrip(vars));
            }
        }
        program.join(); // closing the pair ends a write the server never read
    }

    /**
     * Any bytes as a {@code Y} answer: the decoder never throws, stops at the first empty entry (the
     * double NUL), skips entries without '=' or with an empty name, ignores an unterminated tail, and
     * what it returns encodes to a block that decodes to the same list. The same input, read as
     * variables, encodes to a well-formed block that decodes to them (values cut at NUL, unusable
     * names left out).
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void environmentBlock(byte[] data) {
        List<SslVariable> parsed = UcspiTls.parseEnvironmentBlock(data);
        assertThat(parsed).isEqualTo(referenceParse(data));
        for (SslVariable v : parsed) {
            assertThat(v.name()).isNotEmpty().doesNotContain("=", "\0");
            assertThat(v.value()).doesNotContain("\0");
        }
        byte[] again = UcspiTls.environmentBlock(parsed);
        assertWellFormed(again);
        assertThat(UcspiTls.parseEnvironmentBlock(again)).isEqualTo(parsed);

        List<SslVariable> vars = variables(new FuzzInput(data));
        byte[] block = UcspiTls.environmentBlock(vars);
        assertWellFormed(block);
        assertThat(UcspiTls.parseEnvironmentBlock(block)).isEqualTo(expectedRoundTrip(vars));
    }

    /** Name/value pairs from length-prefixed fields, as byte strings; a missing field ends the list. */
    static List<SslVariable> variables(FuzzInput in) {
        List<SslVariable> out = new ArrayList<>();
        while (!in.exhausted()) {
            String name = in.latin1();
            String value = in.latin1();
            if (name == null || value == null) {
                break;
            }
            out.add(new SslVariable(name, value));
        }
        return out;
    }

    /** What a block of {@code vars} must read back as: unusable names dropped, values cut at NUL. */
    static List<SslVariable> expectedRoundTrip(List<SslVariable> vars) {
        List<SslVariable> out = new ArrayList<>();
        for (SslVariable v : vars) {
            if (v.name().isEmpty() || v.name().contains("=") || v.name().contains("\0")) {
                continue;
            }
            int nul = v.value().indexOf('\0');
            String cut = nul < 0 ? v.value() : v.value().substring(0, nul);
            // values travel as UTF-8 (what cannot be encoded comes back as '?')
            out.add(new SslVariable(v.name(), new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** A block: NUL-terminated NAME=value entries and one more NUL, or just two NULs; nothing after. */
    static void assertWellFormed(byte[] block) {
        assertThat(block.length).isGreaterThanOrEqualTo(2);
        assertThat(block[block.length - 1]).isZero();
        assertThat(block[block.length - 2]).isZero();
        String text = new String(block, 0, block.length - 1, StandardCharsets.ISO_8859_1);
        if (text.equals("\0")) {
            return;
        }
        assertThat(text).endsWith("\0").doesNotContain("\0\0").doesNotStartWith("\0");
        for (String entry : text.substring(0, text.length() - 1).split("\0", -1)) {
            assertThat(entry.indexOf('=')).isPositive();
        }
    }

    /** The decoder's rule, said another way: split at NULs, drop the unterminated tail, stop at "". */
    static List<SslVariable> referenceParse(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        String[] pieces = text.split("\0", -1);
        List<SslVariable> out = new ArrayList<>();
        for (int i = 0; i < pieces.length - 1; i++) { // the last piece has no NUL after it
            String entry = pieces[i];
            if (entry.isEmpty()) {
                break;
            }
            int eq = entry.indexOf('=');
            if (eq > 0) {
                String value = entry.substring(eq + 1);
                out.add(new SslVariable(entry.substring(0, eq),
                        new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static void writeAll(SocketChannel c, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private static byte[] readAll(SocketChannel c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (c.read(b) >= 0) {
            out.write(b.array(), 0, b.position());
            b.clear();
        }
        return out.toByteArray();
    }
}
