package org.ucspi4j.runtime.tls;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;

/**
 * A one-connection TLS server for {@link DhParametersJsseTest}, run in a JVM of its own because SunJSSE
 * reads its DH settings once per JVM. Arguments: DH file (or "-" for none), certificate chain, key.
 */
public final class DhServerMain {
    private DhServerMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        TlsServerConfig config = TlsServerConfig.of(KeyMaterial.load(Path.of(args[1]), Path.of(args[2]), null));
        if (!args[0].equals("-")) {
            config = config.withDhParameters(DhParameters.load(Path.of(args[0])));
        }
        ServerTlsContext context = TlsContexts.server(config);
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            out.println("PORT " + listener.getLocalPort());
            out.flush();
            listener.setSoTimeout(30_000);
            try (Socket accepted = listener.accept(); SSLSocket tls = context.wrap(accepted)) {
                tls.setSoTimeout(20_000);
                tls.startHandshake();
                out.println("CIPHER " + tls.getSession().getCipherSuite());
                tls.getOutputStream().write("done\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                tls.getOutputStream().flush();
            }
        }
        out.flush();
    }
}
