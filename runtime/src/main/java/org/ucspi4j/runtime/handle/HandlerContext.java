package org.ucspi4j.runtime.handle;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * One connection as a handler sees it.
 *
 * @param id the connection's number in the server's log
 * @param environment what sslserver would give a program: the server's environment, the rule's
 *     variables, SSLLOCAL*, SSLREMOTE*, PROTO, TCP* with -e, SSL_* with -s (byte strings)
 * @param in decrypted data from the client
 * @param out plaintext to the client, encrypted on the way; flush to send
 * @param arguments the words after the handler's class name on sslhandle's command line
 */
public record HandlerContext(long id, Map<String, String> environment, InputStream in, OutputStream out,
                             List<String> arguments) {
    public HandlerContext {
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }
}
