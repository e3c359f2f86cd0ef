package org.ucspi4j.runtime.ucspi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandshakeDeadlineTest {
    @Test
    void anExpiredDeadlineClosesTheSocketAndSaysSoEvenAfterTheReadFailed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
            HandshakeDeadline deadline = HandshakeDeadline.start(socket, Duration.ofMillis(100));
            // a peer that never answers: only the deadline's close ends the read
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(IOException.class);
            assertThat(deadline.stop()).isTrue();
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void aDeadlineStoppedInTimeLeavesTheSocketOpen() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
            HandshakeDeadline deadline = HandshakeDeadline.start(socket, Duration.ofMillis(200));
            assertThat(deadline.stop()).isFalse();
            Thread.sleep(400);
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void theDeadlineClosesTheSocketItWasLastGiven() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
                Socket first = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
                Socket second = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
            HandshakeDeadline deadline = HandshakeDeadline.start(first, Duration.ofMillis(100));
            deadline.closes(second);
            assertThatThrownBy(() -> second.getInputStream().read()).isInstanceOf(IOException.class);
            assertThat(deadline.stop()).isTrue();
            assertThat(first.isClosed()).isFalse();
        }
    }
}
