package org.ucspi4j.runtime.posix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The program's output pipe as the relay reads it: what it says is there, and widening it. */
class PipeInputTest {
    private static final int DEFAULT = 64 * 1024;

    /** How much a writer that must not block gets into the pipe at once: its capacity. */
    private static int capacity(Pipe pipe) throws IOException {
        pipe.sink().configureBlocking(false);
        return pipe.sink().write(ByteBuffer.allocate(4 * PipeInput.WIDE));
    }

    @Test
    void availableIsWhatThePipeHolds() throws IOException {
        Pipe pipe = Pipe.open();
        try (PipeInput in = new PipeInput(pipe.source()); var sink = pipe.sink()) {
            assertThat(in.available()).isZero();
            sink.write(ByteBuffer.wrap(new byte[1234]));
            assertThat(in.available()).isEqualTo(1234);
        }
    }

    @Test
    void aWidenedPipeHoldsFourTimesTheDefault() throws IOException {
        Pipe plain = Pipe.open();
        Pipe widened = Pipe.open();
        try (PipeInput a = new PipeInput(plain.source()); PipeInput b = new PipeInput(widened.source());
                var sa = plain.sink(); var sb = widened.sink()) {
            assertThat(b.widen()).isTrue();
            assertThat(b.widen()).as("once").isFalse();
            assertThat(capacity(plain)).isEqualTo(DEFAULT);
            assertThat(capacity(widened)).isEqualTo(PipeInput.WIDE);
            byte[] back = b.readNBytes(PipeInput.WIDE);
            assertThat(back).hasSize(PipeInput.WIDE);
        }
    }

    /** At most 16 wide pipes at a time: the kernel counts them against the server's user. */
    @Test
    void wideningsAreBoundedAndGivenBackOnClose() throws IOException {
        List<Pipe> pipes = new ArrayList<>();
        List<PipeInput> widened = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Pipe p = Pipe.open();
                pipes.add(p);
                PipeInput in = new PipeInput(p.source());
                if (in.widen()) {
                    widened.add(in);
                    assertThat(capacity(p)).isEqualTo(PipeInput.WIDE);
                }
            }
            assertThat(widened).hasSizeBetween(1, 16); // other tests in this JVM may hold some
            Pipe last = pipes.getLast();
            PipeInput lastIn = new PipeInput(last.source());
            assertThat(lastIn.widen()).as("all taken").isFalse();
            assertThat(capacity(last)).isEqualTo(DEFAULT);
            widened.getFirst().close();
            assertThat(lastIn.widen()).as("one given back").isTrue();
            widened.add(lastIn);
        } finally {
            for (PipeInput in : widened) {
                in.close();
            }
            for (Pipe p : pipes) {
                p.sink().close();
                p.source().close();
            }
        }
    }
}
