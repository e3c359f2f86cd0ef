package org.ucspi4j.runtime.handle;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.ucspi4j.runtime.server.ConnectionService;
import org.ucspi4j.runtime.server.ServerOptions;
import org.ucspi4j.runtime.server.Session;
import org.ucspi4j.runtime.tls.SslVariable;
import org.ucspi4j.runtime.tls.SslVariables;
import org.ucspi4j.runtime.tls.TlsFailureText;

/**
 * sslhandle's service: the same listener, rules, limits, TLS and log as sslserver, then a
 * {@link ConnectionHandler} called on the connection's own virtual thread instead of a program.
 * {@code -w} becomes a read timeout on the client's stream.
 */
public final class HandlerService implements ConnectionService {
    private final ConnectionHandler handler;
    private final List<String> arguments;

    public HandlerService(ConnectionHandler handler, List<String> arguments) {
        this.handler = handler;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public int serve(Session s) {
        SSLSocket ssl = s.handshake().orElse(null);
        if (ssl == null) {
            return Session.DROPPED;
        }
        ServerOptions o = s.options();
        try (ssl) {
            List<SslVariable> vars = o.sslEnv() ? s.sslVariables(ssl) : List.of();
            s.environment().all(SslVariables.asEnvironment(vars));
            s.log().accept(s.id(), Session.protocolAndCipher(vars));
            ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, o.idleTimeout().toMillis()));
            OutputStream out = ssl.getOutputStream();
            if (!o.banner().isEmpty()) {
                out.write(o.banner().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            s.holdPeerClose(); // a TLS 1.2 close_notify must not end the handler's answer
            int code = handler.handle(new HandlerContext(s.id(), s.environment().asMap(),
                    new PeerClosedAsEof(ssl.getInputStream()), out, arguments));
            out.flush();
            return (code & 0xff) << 8;
        } catch (SocketTimeoutException e) {
            s.log().drop("unable to speak SSL: timeout");
            return Session.DROPPED;
        } catch (IOException e) {
            s.log().drop("unable to speak SSL: " + TlsFailureText.session(e));
            return Session.DROPPED;
        } catch (Exception e) {
            // the handler's own words, not a Java class name (its stack trace is the handler's to log)
            s.log().drop("handler failed: " + (e.getMessage() == null || e.getMessage().isBlank()
                    ? "no reason given" : e.getMessage()));
            return Session.DROPPED;
        }
    }

    /** Loads the handler class from {@code loader} and makes its one instance. */
    public static ConnectionHandler load(String className, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> c = Class.forName(className, true, loader);
        if (!ConnectionHandler.class.isAssignableFrom(c)) {
            throw new ClassCastException(className + " does not implement " + ConnectionHandler.class.getName());
        }
        return (ConnectionHandler) c.getConstructor().newInstance();
    }

    /** Handlers run inside the JVM, under its ids: there is no program to give other ids. */
    @Override
    public boolean startsPrograms() {
        return false;
    }
}
