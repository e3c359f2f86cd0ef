package org.ucspi4j.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.ucspi4j.runtime.handle.ConnectionHandler;
import org.ucspi4j.runtime.handle.HandlerContext;

/**
 * The sslhandle counterpart of ucspi-ssl's sslprint: writes the connection's environment to the
 * client, one {@code NAME=value} line each, sorted, then ends the connection.
 *
 * <pre>sslhandle --class-path=samples/target/ucspi4j-samples.jar 127.0.0.1 4433 org.ucspi4j.samples.PrintEnvironment</pre>
 */
public final class PrintEnvironment implements ConnectionHandler {
    /** sslhandle makes one, with this constructor, for all its connections. */
    public PrintEnvironment() {}

    @Override
    public int handle(HandlerContext c) throws IOException {
        OutputStream out = c.out();
        for (Map.Entry<String, String> e : new TreeMap<>(c.environment()).entrySet()) {
            out.write((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        return 0;
    }
}
