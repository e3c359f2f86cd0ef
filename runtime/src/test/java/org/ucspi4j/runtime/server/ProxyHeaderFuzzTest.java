package org.ucspi4j.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The PROXY protocol reader on any bytes a balancer (or anyone in PROXY_FROM) might send. */
class ProxyHeaderFuzzTest {
    /** Hands out at most {@code chunk} bytes a read, as TCP segments may, and counts what it gave. */
    private static final class Segments extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int at;

        Segments(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (at >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    /**
     * A header or a malformed reason, never an exception; {@code length()} is exactly what was taken
     * from the stream; a header is taken to its last byte and never past it (a version 1 line to its
     * first LF, within 107 bytes; a version 2 header to 16 plus its declared length, within the cap),
     * and the bytes after a header change nothing about it. Reading in segments of any size gives the
     * same result.
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void read(byte[] data) throws IOException {
        int chunk = data.length == 0 ? 1 : 1 + (data[data.length - 1] & 0x0f);
        Segments in = new Segments(data, chunk);
        ProxyHeader h = ProxyHeader.read(in);
        assertThat(h.length()).as("length is what was read").isEqualTo(in.at);
        assertThat(h.length()).isLessThanOrEqualTo(Math.max(ProxyHeader.MAX_V1,
                ProxyHeader.V2_FIXED + ProxyHeader.MAX_V2_LENGTH));
        assertThat(ProxyHeader.read(new ByteArrayInputStream(data))).as("segments change nothing").isEqualTo(h);

        switch (h) {
            case ProxyHeader.Malformed m -> assertThat(m.reason()).isNotBlank().doesNotContain("\n");
            case ProxyHeader.Proxied p -> {
                wholeHeader(data, p.version(), p.length());
                assertThat(p.source().getPort()).isBetween(0, 0xffff);
                assertThat(p.destination().getPort()).isBetween(0, 0xffff);
                // IPv4-mapped IPv6 in a TCP6/INET6 header reads as IPv4, as a dual-stack socket reports it
                assertThat(p.source().getAddress().getAddress().length).isIn(4, 16);
                assertThat(p.destination().getAddress().getAddress().length).isIn(4, 16);
                assertThat(p.version() == 1 ? p.tlvs() : java.util.List.of()).isEmpty();
            }
            case ProxyHeader.Local l -> {
                wholeHeader(data, l.version(), l.length());
                assertThat(l.command()).isIn("LOCAL", "UNKNOWN", "UNSPEC", "UNIX", "DGRAM");
            }
        }
        if (!(h instanceof ProxyHeader.Malformed)) {
            // what follows the header is none of its business
            ByteArrayOutputStream other = new ByteArrayOutputStream();
            other.write(data, 0, h.length());
            other.write(new byte[] {0x16, 0x03, 0x01, 'P', '\r', '\n', 0x0D, 0x0A});
            ByteArrayInputStream again = new ByteArrayInputStream(other.toByteArray());
            assertThat(ProxyHeader.read(again)).isEqualTo(h);
            assertThat(again.available()).isEqualTo(8);
        }
    }

    /** A well-formed header ends where its version says, and not a byte later. */
    private static void wholeHeader(byte[] data, int version, int length) {
        if (version == 1) {
            assertThat(length).isBetween(15, ProxyHeader.MAX_V1);
            assertThat(Arrays.copyOfRange(data, length - 2, length)).containsExactly('\r', '\n');
            for (int i = 0; i < length - 1; i++) {
                assertThat(data[i]).as("no LF before the end").isNotEqualTo((byte) '\n');
            }
        } else {
            assertThat(version).isEqualTo(2);
            int declared = (data[14] & 0xff) << 8 | data[15] & 0xff;
            assertThat(length).isEqualTo(ProxyHeader.V2_FIXED + declared);
            assertThat(declared).isLessThanOrEqualTo(ProxyHeader.MAX_V2_LENGTH);
        }
    }
}
