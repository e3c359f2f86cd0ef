package org.ucspi4j.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientLogTest {
    @Test
    void aPeersTextCannotAddALine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new ClientLog("sslclient", 1, err).error(110, "name\nsslclient: x");
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo("sslclient: error: (110) name?sslclient: x\n");
    }

    @Test
    void verbosityDecidesWhatIsSaid() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ClientLog quiet = new ClientLog("sslclient", 0, err);
        quiet.fatal(111, "unable to connect");
        ClientLog errors = new ClientLog("sslclient", 1, err);
        errors.info("tls connected to: 127.0.0.1 port: 443");
        errors.drop(110, "unable to speak TLS: reset");
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo("sslclient: drop: (110) unable to speak TLS: reset\n");
    }
}
