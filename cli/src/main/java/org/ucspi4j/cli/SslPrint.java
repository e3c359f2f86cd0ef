package org.ucspi4j.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ucspi4j.runtime.handle.ConnectionHandler;
import org.ucspi4j.runtime.handle.HandlerContext;

/**
 * What ucspi-ssl's {@code sslprint} writes to each client: a fixed list of the connection's
 * variables, each as a line {@code NAME=value} ({@code unset} when it is not set), the whole preceded
 * by an empty line, as the C program prints them.
 */
final class SslPrint implements ConnectionHandler {
    /** The variables, in the C program's order. */
    static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> n = new ArrayList<>(List.of("PROTO",
                "SSLLOCALHOST", "SSLLOCALIP", "SSLLOCALPORT",
                "SSLREMOTEHOST", "SSLREMOTEIP", "SSLREMOTEPORT", "SSLREMOTEINFO",
                "TCPLOCALHOST", "TCPLOCALIP", "TCPLOCALPORT",
                "TCPREMOTEHOST", "TCPREMOTEIP", "TCPREMOTEPORT", "TCPREMOTEINFO",
                "TCP6REMOTEHOST", "TCP6REMOTEIP", "TCP6REMOTEPORT",
                "SSL_PROTOCOL", "SSL_SESSION_ID", "SSL_CIPHER", "SSL_CIPHER_EXPORT", "SSL_CIPHER_USEKEYSIZE",
                "SSL_CIPHER_ALGKEYSIZE", "SSL_VERSION_INTERFACE", "SSL_VERSION_LIBRARY"));
        List<String> dnFields = List.of("C", "ST", "L", "O", "OU", "CN", "T", "I", "G", "S", "D", "UID", "Email");
        for (String side : List.of("SSL_SERVER_", "SSL_CLIENT_")) {
            n.add(side + "M_VERSION");
            n.add(side + "M_SERIAL");
            for (String dn : List.of("S_DN", "I_DN")) {
                n.add(side + dn);
                dnFields.forEach(f -> n.add(side + dn + "_" + f));
            }
            for (String rest : List.of("V_START", "V_END", "A_SIG", "A_KEY", "CERT")) {
                n.add(side + rest);
            }
        }
        n.add("SSL_CLIENT_CERT_CHAIN_0");
        n.add("SSL_CLIENT_CERT_CHAIN_1");
        return List.copyOf(n);
    }

    @Override
    public int handle(HandlerContext connection) throws Exception {
        connection.out().write(text(connection.environment()));
        connection.out().flush();
        return 0;
    }

    static byte[] text(Map<String, String> environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : NAMES) {
            String value = environment.getOrDefault(name, "unset");
            out.writeBytes(("\n" + name + "=" + value).getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write('\n');
        return out.toByteArray();
    }
}
