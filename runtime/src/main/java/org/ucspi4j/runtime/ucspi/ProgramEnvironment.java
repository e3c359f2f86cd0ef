package org.ucspi4j.runtime.ucspi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ucspi4j.runtime.posix.EnvironmentBytes;

/**
 * The environment a program runs with: the server's own, then the variables the matching rule set,
 * then the standard variables (which win: a rule cannot fake SSLREMOTEIP), then the SSL_* set.
 * Names and values are byte strings; a null value removes the variable, as pathexec_env does, so an
 * unknown host name unsets an inherited SSLREMOTEHOST instead of leaving it.
 *
 * <p>Entries are C strings for the program: a name or value is cut at its first NUL when it is set
 * (C's own environment calls would cut it there too), so that {@link #get} and the program see the
 * same text and {@link #envp()} never holds a NUL.
 */
public final class ProgramEnvironment {
    private final Map<String, String> env;

    public ProgramEnvironment(Map<String, String> base) {
        this.env = new LinkedHashMap<>();
        base.forEach(this::set);
    }

    public ProgramEnvironment set(String name, String value) {
        name = EnvironmentBytes.cString(name);
        if (value == null) {
            env.remove(name);
        } else {
            env.remove(name); // keep insertion order meaningful: last set last
            env.put(name, EnvironmentBytes.cString(value));
        }
        return this;
    }

    /** The rule's {@code +NAME=value} entries, in order. */
    public ProgramEnvironment rules(List<byte[][]> variables) {
        for (byte[][] v : variables) {
            set(new String(v[0], StandardCharsets.ISO_8859_1), new String(v[1], StandardCharsets.ISO_8859_1));
        }
        return this;
    }

    /**
     * SSLLOCAL*, SSLREMOTE* and PROTO=SSL (0.95b); with {@code tcpEnv} also TCPLOCAL*, TCPREMOTE*,
     * and for IPv6 clients TCP6* and PROTO=TCP6 (PROTO=TCP for IPv4 ones).
     */
    public ProgramEnvironment connection(Endpoints e, boolean tcpEnv) {
        set("PROTO", "SSL");
        set("SSLLOCALIP", e.localIp());
        set("SSLLOCALPORT", e.localPort());
        set("SSLLOCALHOST", e.localHost());
        set("SSLREMOTEIP", e.remoteIp());
        set("SSLREMOTEPORT", e.remotePort());
        set("SSLREMOTEHOST", e.remoteHost());
        set("SSLREMOTEINFO", e.remoteInfo());
        if (tcpEnv) {
            set("PROTO", e.ipv6() ? "TCP6" : "TCP");
            set("TCPLOCALIP", e.localIp());
            set("TCPLOCALPORT", e.localPort());
            set("TCPLOCALHOST", e.localHost());
            set("TCPREMOTEIP", e.remoteIp());
            set("TCPREMOTEPORT", e.remotePort());
            set("TCPREMOTEHOST", e.remoteHost());
            set("TCPREMOTEINFO", e.remoteInfo());
            if (e.ipv6()) {
                set("TCP6LOCALIP", e.localIp());
                set("TCP6LOCALPORT", e.localPort());
                set("TCP6LOCALHOST", e.localHost());
                set("TCP6REMOTEIP", e.remoteIp());
                set("TCP6REMOTEPORT", e.remotePort());
                set("TCP6REMOTEHOST", e.remoteHost());
                set("TCP6INTERFACE", e.interfaceName());
            }
        }
        return this;
    }

    /** Variables in order (the SSL_* set, the UCSPI-TLS fd numbers). */
    public ProgramEnvironment all(List<Map.Entry<String, String>> variables) {
        for (Map.Entry<String, String> v : variables) {
            set(v.getKey(), v.getValue());
        }
        return this;
    }

    public String get(String name) {
        return env.get(name);
    }

    public Map<String, String> asMap() {
        return Map.copyOf(env);
    }

    /** {@code NAME=value} byte strings for execve. */
    public byte[][] envp() {
        byte[][] out = new byte[env.size()][];
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            out[i++] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.ISO_8859_1);
        }
        return out;
    }
}
