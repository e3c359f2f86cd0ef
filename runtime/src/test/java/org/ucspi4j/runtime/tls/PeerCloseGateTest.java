package org.ucspi4j.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class PeerCloseGateTest {
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int ALERT = 21;

    static byte[] record(int type, int length) {
        byte[] r = new byte[5 + length];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (length >> 8);
        r[4] = (byte) length;
        for (int i = 5; i < r.length; i++) {
            r[i] = (byte) ALERT; // body bytes that look like an alert type must not matter
        }
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Reads as a provider does: the header, then the body, each to the end; null at EOF. */
    static byte[] readRecord(InputStream in) throws IOException {
        byte[] header = in.readNBytes(5);
        if (header.length == 0) {
            return null;
        }
        int length = (header[3] & 0xff) << 8 | header[4] & 0xff;
        return concat(header, in.readNBytes(length));
    }

    @Test
    void unarmedEverythingPassesThrough() throws IOException {
        byte[] data = concat(record(HANDSHAKE, 300), record(ALERT, 2));
        PeerCloseGate gate = new PeerCloseGate(new ByteArrayInputStream(data));
        assertThat(gate.readAllBytes()).isEqualTo(data);
    }

    @Test
    void armedAnAlertRecordEndsTheInputAndIsNotDelivered() throws IOException {
        byte[] data = concat(record(APPLICATION_DATA, 1000), record(ALERT, 26));
        PeerCloseGate gate = new PeerCloseGate(new ByteArrayInputStream(data));
        gate.arm();
        assertThat(readRecord(gate)).isEqualTo(record(APPLICATION_DATA, 1000));
        assertThatThrownBy(() -> gate.read(new byte[5], 0, 5)).isInstanceOf(PeerCloseGate.Closed.class);
        assertThatThrownBy(() -> gate.read(new byte[5], 0, 5)).isInstanceOf(PeerCloseGate.Closed.class);
        assertThat(gate.available()).isZero();
    }

    @Test
    void armedEofAtARecordBoundaryEndsTheInput() throws IOException {
        PeerCloseGate gate = new PeerCloseGate(new ByteArrayInputStream(record(APPLICATION_DATA, 40)));
        gate.arm();
        assertThat(readRecord(gate)).hasSize(45);
        assertThatThrownBy(() -> gate.read(new byte[5], 0, 5)).isInstanceOf(PeerCloseGate.Closed.class);
    }

    @Test
    void eofInsideARecordIsLeftToTheProvider() throws IOException {
        byte[] cut = java.util.Arrays.copyOf(record(APPLICATION_DATA, 40), 20);
        PeerCloseGate gate = new PeerCloseGate(new ByteArrayInputStream(cut));
        gate.arm();
        assertThat(gate.readAllBytes()).isEqualTo(cut);
    }

    @Test
    void boundariesAreFoundWhateverTheReadSizes() throws IOException {
        byte[] data = concat(record(HANDSHAKE, 7), record(APPLICATION_DATA, 0), record(APPLICATION_DATA, 300),
                record(ALERT, 2));
        PeerCloseGate gate = new PeerCloseGate(new ByteArrayInputStream(data));
        gate.arm();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[3];
        try {
            for (int n; (n = gate.read(buf, 0, buf.length)) > 0; ) {
                got.write(buf, 0, n);
            }
        } catch (PeerCloseGate.Closed expected) {
            // at the alert
        }
        assertThat(got.toByteArray()).isEqualTo(java.util.Arrays.copyOf(data, data.length - 7));
    }

    @Test
    void notTlsRecordsPassUnwatched() throws IOException {
        // an SSLv2-format ClientHello starts with a length byte with its high bit set
        byte[] data = concat(new byte[] {(byte) 0x80, 5, 1, 3, 1, 0, 0}, record(ALERT, 2));
        PeerCloseGate gate = new PeerCloseGate(new ByteArrayInputStream(data));
        gate.arm();
        assertThat(gate.readAllBytes()).isEqualTo(data);
    }
}
