package org.ucspi4j.runtime.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.handle.ConnectionHandler;
import org.ucspi4j.runtime.handle.HandlerContext;
import org.ucspi4j.runtime.tls.SslVariables;
import org.ucspi4j.runtime.tls.TlsFailureText;

/**
 * sslhandle's service: the same listener, rules, limits, TLS and log as sslserver, then a
 * {@link ConnectionHandler} called on the connection's own virtual thread instead of a program.
 * {@code -w} becomes a read timeout on the client's stream.
 */
final class HandlerService implements ConnectionService {
    private final ConnectionHandler handler;
    private final List<String> arguments;

    HandlerService(ConnectionHandler handler, List<String> arguments) {
        this.handler = handler;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public int serve(ConnectionContext c) {
        SSLSocket ssl = c.handshake().orElse(null);
        if (ssl == null) {
            return ConnectionContext.DROPPED;
        }
        try (ssl) {
            List<SslVariable> vars = c.exportedSslVariables(ssl);
            Map<String, String> environment = c.takeEnvironment().all(SslVariables.asEnvironment(vars)).asMap();
            c.accepted(vars);
            ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, c.idleTimeout().toMillis()));
            OutputStream out = ssl.getOutputStream();
            byte[] banner = c.banner();
            if (banner.length > 0) {
                out.write(banner);
                out.flush();
            }
            c.holdPeerClose(); // a TLS 1.2 close_notify must not end the handler's answer
            int code = handler.handle(new HandlerContext(c.id(), environment,
                    new PeerClosedAsEof(ssl.getInputStream()), out, arguments));
            out.flush();
            return (code & 0xff) << 8;
        } catch (SocketTimeoutException e) {
            c.dropped("unable to speak SSL: timeout");
            return ConnectionContext.DROPPED;
        } catch (IOException e) {
            c.dropped("unable to speak SSL: " + TlsFailureText.session(e));
            return ConnectionContext.DROPPED;
        } catch (Exception e) {
            // the handler's own words, not a Java class name (its stack trace is the handler's to log)
            c.dropped("handler failed: " + (e.getMessage() == null || e.getMessage().isBlank()
                    ? "no reason given" : e.getMessage()));
            return ConnectionContext.DROPPED;
        }
    }

    /** Handlers run inside the JVM, under its ids: there is no program to give other ids. */
    @Override
    public boolean startsPrograms() {
        return false;
    }
}
