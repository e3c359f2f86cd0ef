package org.ucspi4j.runtime.ucspi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ucspi4j.runtime.posix.PipeInput;

/**
 * The program-to-client direction of {@link Relay} over a real pipe: a program that streams (full
 * pipes, its buffer kept and refilled) and pauses (the buffer dropped, a one-byte wait) between
 * pieces of every size must reach the client byte for byte, in order, each write whole.
 */
class RelayTest {
    private static final int PIPE = 64 * 1024;

    @Test
    void streamedAndPausedOutputArrivesByteForByte() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        List<byte[]> pieces = new ArrayList<>();
        for (int size : new int[] {PIPE, PIPE, PIPE, 100, 3 * PIPE + 7, 1, PIPE - 1, PIPE + 1, 5 * PIPE, 0, 13}) {
            byte[] piece = new byte[size];
            random.nextBytes(piece);
            pieces.add(piece);
        }
        Pipe fromProgram = Pipe.open();
        Thread program = Thread.ofPlatform().start(() -> {
            try (var sink = fromProgram.sink()) {
                for (byte[] piece : pieces) {
                    ByteBuffer b = ByteBuffer.wrap(piece);
                    while (b.hasRemaining()) {
                        sink.write(b);
                    }
                    Thread.sleep(piece.length % 2 == 0 ? 0 : 30); // some back to back, some after a pause
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        RecordingClient client = new RecordingClient();
        Relay.Outcome outcome;
        try (PipeInput fromPipe = new PipeInput(fromProgram.source())) {
            outcome = new Relay(new Socket(), InputStream.nullInputStream(), client, OutputStream.nullOutputStream(),
                    fromPipe, Duration.ofSeconds(30)).run();
        }
        program.join();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            expected.write(piece);
        }
        assertThat(outcome.end()).isEqualTo(Relay.End.DONE);
        assertThat(outcome.toClient()).isEqualTo(expected.size());
        assertThat(client.received.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(client.largestWrite).as("no write larger than the relay's buffer").isLessThanOrEqualTo(PIPE);
    }

    /** The client's TLS stream: what it was given, and the largest single write. */
    private static final class RecordingClient extends OutputStream {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int largestWrite;

        @Override
        public void write(int b) {
            received.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // a copy now: the relay may refill its buffer once this returns, as a TLS stream that
            // has encrypted and sent the bytes allows
            received.write(b, off, len);
            largestWrite = Math.max(largestWrite, len);
        }
    }
}
