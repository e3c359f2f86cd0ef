package org.ucspi4j.runtime.server;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.ucspi4j.runtime.ucspi.Endpoints;
import org.ucspi4j.runtime.ucspi.LogText;

/**
 * sslserver's stderr log in ucspi-ssl 0.95b's words. Verbosity 0 prints nothing, 1 errors and
 * warnings, 2 also the status lines, 3 also the protocol and cipher on the accept line. Each line
 * is written with one write, so lines from concurrent connections never interleave.
 */
public final class ServerLog {
    private final String who;
    private final int verbosity;
    private final OutputStream err;

    public ServerLog(String who, int verbosity, OutputStream err) {
        this.who = who;
        this.verbosity = verbosity;
        this.err = err;
    }

    public static ServerLog stderr(String who, int verbosity) {
        return new ServerLog(who, verbosity, new FileOutputStream(FileDescriptor.err));
    }

    public int verbosity() {
        return verbosity;
    }

    public String who() {
        return who;
    }

    /** {@code status: N/LIMIT}, after each accept and each end. */
    public void status(long running, long limit) {
        if (verbosity >= 2) {
            line(who + ": status: " + running + "/" + limit);
        }
    }

    /** {@code pid ID from IP}: a connection was accepted. */
    public void from(long id, String remoteIp) {
        if (verbosity >= 2) {
            line(who + ": pid " + id + " from " + remoteIp);
        }
    }

    /**
     * {@code proxy ID vN from IP port PORT}, after the {@code pid} line of a connection a load
     * balancer made ({@code PROXY_FROM}): the balancer's own address and port, the header's version,
     * and for a header that names no client ({@code LOCAL}, {@code UNKNOWN}) its command, whose
     * connection is then served as the balancer's own. ucspi4j's own line; C has no PROXY protocol.
     */
    void proxy(long id, int version, String command, String balancerIp, int balancerPort) {
        if (verbosity >= 2) {
            StringBuilder s = new StringBuilder(who).append(": proxy ").append(id).append(" v").append(version);
            if (command != null) {
                s.append(' ').append(command.toLowerCase(java.util.Locale.ROOT));
            }
            line(s.append(" from ").append(balancerIp).append(" port ").append(balancerPort).toString());
        }
    }

    /** {@code warning: ip connection limit of N exceeded for: IP}: an address over MAXCONIP was refused. */
    void ipLimitExceeded(long limit, String ip) {
        warning("ip connection limit of " + limit + " exceeded for: " + ip);
    }

    /** The {@code ok}/{@code deny} line; fields are sanitised as the C server does. */
    void verdict(boolean ok, long id, Endpoints e, String suffix) {
        if (verbosity < 2) {
            return;
        }
        StringBuilder s = new StringBuilder(who).append(": ");
        safe(s, ok ? "ok" : "deny");
        s.append(' ');
        safe(s, Long.toString(id));
        s.append(' ');
        safe(s, e.localHost());
        s.append(':');
        safe(s, e.localIp());
        s.append(':');
        safe(s, e.localPort());
        s.append(' ');
        safe(s, e.remoteHost());
        s.append(':');
        safe(s, e.remoteIp());
        s.append(':');
        safe(s, e.remoteInfo());
        s.append(':');
        safe(s, e.remotePort());
        if (suffix != null) {
            s.append(suffix);
        }
        line(s.toString());
    }

    /** {@code ssl ID accept }, with {@code -V} followed by {@code PROTOCOL:CIPHER} when known. */
    public void accept(long id, String protocolAndCipher) {
        if (verbosity >= 2) {
            line(who + ": ssl " + id + " accept " + (verbosity >= 3 && protocolAndCipher != null ? protocolAndCipher : ""));
        }
    }

    /**
     * {@code tls ID certificate LABEL sni NAME alpn PROTOCOL} ({@code -} for none): which certificate
     * served a handshake, for servers with SNI certificates or ALPN, which the C server has not.
     */
    public void tls(long id, String certificate, String sni, String alpn) {
        if (verbosity >= 2) {
            StringBuilder s = new StringBuilder(who).append(": tls ").append(id).append(" certificate ");
            safe(s, certificate);
            s.append(" sni ");
            safe(s, sni == null ? "-" : sni);
            s.append(" alpn ");
            safe(s, alpn == null || alpn.isEmpty() ? "-" : alpn);
            line(s.toString());
        }
    }

    /** A {@code -v} line of ucspi4j's own about the server as a whole (a certificate reload, say). */
    public void note(String message) {
        if (verbosity >= 2) {
            line(who + ": " + message);
        }
    }

    /** {@code end ID status WSTAT}: the raw wait status. */
    public void end(long id, int waitStatus) {
        if (verbosity >= 2) {
            line(who + ": end " + id + " status " + waitStatus);
        }
    }

    /** A startup line of {@code -v}: {@code NAME PID VALUE}; an unset value ends the line, as in C. */
    public void setting(String name, long pid, String... values) {
        if (verbosity < 2) {
            return;
        }
        StringBuilder s = new StringBuilder(who).append(": ").append(name).append(' ').append(pid).append(' ');
        for (int i = 0; i < values.length && values[i] != null; i++) {
            s.append(i > 0 ? " " : "").append(values[i]);
        }
        line(s.toString());
    }

    public void warning(String message) {
        if (verbosity >= 1) {
            line(who + ": warning: " + message);
        }
    }

    /** A warning only {@code -v} shows: a setting the operator chose on purpose, said once at startup. */
    public void verboseWarning(String message) {
        if (verbosity >= 2) {
            line(who + ": warning: " + message);
        }
    }

    /** A connection given up: {@code warning: dropping SSL connection, ...} (0.95b). */
    public void drop(String message) {
        warning("dropping SSL connection, " + message);
    }

    public void fatal(String message) {
        if (verbosity >= 1) {
            line(who + ": fatal: " + message);
        }
    }

    /**
     * C's safecats: the field ends at a NUL (it is a C string there); bytes below 33, above 126 and
     * '%' become '?'; a field of 100 or more bytes is cut at 100 and followed by "...".
     */
    static void safe(StringBuilder s, String field) {
        if (field == null) {
            return;
        }
        int end = field.indexOf('\0');
        int length = end < 0 ? field.length() : end;
        int n = Math.min(length, 100);
        for (int i = 0; i < n; i++) {
            char c = field.charAt(i);
            s.append(c < 33 || c > 126 || c == '%' ? '?' : c);
        }
        if (length >= 100) {
            s.append("...");
        }
    }

    private void line(String text) {
        byte[] bytes = (LogText.oneLine(text) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        synchronized (err) {
            try {
                err.write(bytes);
                err.flush();
            } catch (IOException e) {
                // stderr gone: nothing left to tell
            }
        }
    }
}
