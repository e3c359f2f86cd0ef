package org.ucspi4j.runtime.ucspi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;

/** RFC 1413 replies, parsed and over a real socket from a hostile ident server. */
class IdentClientFuzzTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /**
     * Any text as a reply line: the result is empty or a user that is not empty, does not start with
     * a blank and holds no CR, LF or NUL, exactly as the rule says (third ':' onward, after an
     * {@code USERID} second field, up to the first CR/LF/NUL, leading blanks dropped).
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void parse(byte[] data) {
        String line = new String(data, StandardCharsets.ISO_8859_1);
        Optional<String> user = IdentClient.parse(line);
        user.ifPresent(IdentClientFuzzTest::assertSane);
        assertThat(user).isEqualTo(reference(line));
    }

    /**
     * A fake ident server on an ephemeral port, behaving as the first input byte says, answering
     * the rest of the input: at once and close; at once and keep the connection open; one byte
     * every 20 ms; never; close without reading; the answer over and over without end; or not
     * listening at all. The lookup always ends within its timeout (plus scheduling slack) and its
     * result is empty or sane; for a complete answer sent at once it is exactly what
     * {@link IdentClient#parse} makes of the first line.
     */
    @FuzzTest
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void lookup(byte[] data) throws Exception {
        int mode = data.length == 0 ? 0 : (data[0] & 0xff) % 7;
        byte[] answer = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
        // A whole line (or EOF after the answer, or 1024 bytes) comes at once in modes 0 and 1: then
        // the timeout is generous, so that a loaded machine cannot fail the equality check. Otherwise
        // the client has to give up, and a short timeout keeps the regression run quick.
        boolean complete = mode == 0 || mode == 1 && (firstLine(answer).length() < answer.length
                || answer.length >= 1024);
        Duration timeout = Duration.ofMillis(complete ? 5000 : 300);
        AtomicReference<String> request = new AtomicReference<>();
        AtomicReference<Socket> accepted = new AtomicReference<>();
        ServerSocket server = new ServerSocket();
        Thread fake = null;
        try {
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            fake = Thread.ofVirtual().start(() -> serve(server, mode, answer, accepted, request));
            if (mode == 6) {
                server.close(); // nobody listening: connection refused
            }
            long start = System.nanoTime();
            Optional<String> user;
            // Jazzer's SSRF detector flags every connection while fuzzing; this one is the point
            SilentCloseable allowed = BugDetectors.allowNetworkConnections((host, port) -> port == address.getPort()
                    && (host.equals(LOOPBACK.getHostName()) || host.equals(LOOPBACK.getHostAddress())));
            try {
                user = IdentClient.lookup(address, 50019, LOOPBACK, 443, timeout);
            } finally {
                allowed.close();
            }
            long elapsed = System.nanoTime() - start;
            assertThat(Duration.ofNanos(elapsed)).isLessThan(timeout.plusSeconds(2));
            user.ifPresent(IdentClientFuzzTest::assertSane);
            if (complete) {
                assertThat(user).isEqualTo(IdentClient.parse(firstLine(answer)));
                assertThat(request.get()).isEqualTo("50019 , 443\r\n");
            }
        } finally {
            server.close();
            Socket s = accepted.get();
            if (s != null) {
                s.close();
            }
            if (fake != null) {
                fake.join(5000);
                assertThat(fake.isAlive()).isFalse();
            }
        }
    }

    private static void serve(ServerSocket server, int mode, byte[] answer, AtomicReference<Socket> accepted,
            AtomicReference<String> request) {
        try (Socket s = server.accept()) {
            accepted.set(s);
            if (mode == 4) {
                return; // hang up without a word
            }
            request.set(readLine(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            switch (mode) {
                case 0, 1 -> {
                    out.write(answer);
                    out.flush();
                    if (mode == 1) {
                        s.getInputStream().read(); // keep the connection until the client closes it
                    }
                }
                case 2 -> {
                    for (byte b : answer) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(20);
                    }
                    s.getInputStream().read();
                }
                case 3 -> s.getInputStream().read();
                case 5 -> {
                    byte[] chunk = answer.length == 0 ? new byte[] {'x'} : answer;
                    while (true) {
                        out.write(chunk);
                    }
                }
                default -> {}
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up or the test closed the server: done
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return b.toString();
    }

    /** What the client reads: up to the first LF, at most 1024 bytes. */
    private static String firstLine(byte[] answer) {
        int end = 0;
        while (end < answer.length && end < 1024 && answer[end] != '\n') {
            end++;
        }
        return new String(answer, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static void assertSane(String user) {
        assertThat(user).isNotEmpty().doesNotContain("\r", "\n", "\0");
        assertThat(Character.isWhitespace(user.charAt(0))).isFalse();
    }

    private static Optional<String> reference(String line) {
        String[] fields = line.split(":", 4);
        if (fields.length < 4 || !fields[1].trim().equals("USERID")) {
            return Optional.empty();
        }
        String user = fields[3];
        int cut = user.length();
        for (char stop : new char[] {'\r', '\n', '\0'}) {
            int i = user.indexOf(stop);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        user = user.substring(0, cut).stripLeading();
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }
}
