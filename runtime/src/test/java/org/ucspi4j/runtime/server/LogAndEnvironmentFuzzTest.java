package org.ucspi4j.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.ucspi4j.runtime.FuzzInput;
import org.ucspi4j.runtime.SslVariable;
import org.ucspi4j.runtime.UcspiTls;
import org.ucspi4j.runtime.ucspi.Endpoints;
import org.ucspi4j.runtime.ucspi.ProgramEnvironment;

/**
 * Text from the network (reverse-DNS names, ident replies, certificate fields, TLS error texts) on
 * its way into log lines and the program's environment.
 */
class LogAndEnvironmentFuzzTest {

    /**
     * Endpoints of any text through the {@code ok}/{@code deny} line, and any text through the other
     * log lines: every line is exactly one line (one LF, at the end; no CR, NUL or other control
     * character before it); the verdict line is printable ASCII, five space-separated parts, and each
     * field is what C's safecats makes of it (up to a NUL; '?' for bytes outside 33..126 and for '%';
     * at most 100 characters, then "...").
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void logLines(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        boolean ok = in.flag();
        long id = in.octet() * 1_000_003L;
        Endpoints e = endpoints(in);
        String message = in.utf8();

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ServerLog log = new ServerLog("sslserver", 3, err);
        log.verdict(ok, id, e, null);
        String line = err.toString(StandardCharsets.ISO_8859_1);
        assertThat(line).isEqualTo("sslserver: " + (ok ? "ok" : "deny") + " " + id + " "
                + safecats(e.localHost()) + ":" + safecats(e.localIp()) + ":" + safecats(e.localPort()) + " "
                + safecats(e.remoteHost()) + ":" + safecats(e.remoteIp()) + ":" + safecats(e.remoteInfo()) + ":"
                + safecats(e.remotePort()) + "\n");
        assertThat(line.chars().limit(line.length() - 1)).allMatch(c -> c >= 32 && c <= 126);
        assertThat(line.substring(0, line.length() - 1).split(" ", -1)).hasSize(5);

        if (message != null) {
            err.reset();
            log.drop("client hostname does not match certificate: " + message);
            log.warning(message);
            log.fatal(message);
            log.setting("cert", 1, message, message);
            log.accept(id, message);
            String lines = err.toString(StandardCharsets.ISO_8859_1);
            assertThat(lines.split("\n", -1)).hasSize(6); // five lines and the empty rest after the last LF
            assertThat(lines.chars()).allMatch(c -> c == '\n' || c >= 32 && c != 127);
        }
    }

    /**
     * A server environment, rule variables, endpoints and SSL_* variables of any bytes: no entry of
     * {@link ProgramEnvironment#envp()} holds a NUL or lacks its '='; every name and value is cut at its
     * first NUL as a C string is; the standard variables win over the rule's; null unsets. The
     * expected environment is built by the rules of ucspi-ssl 0.95b, step by step.
     */
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void environment(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        boolean tcpEnv = in.flag();
        Map<String, String> base = new LinkedHashMap<>();
        for (int n = in.octet() % 4; n > 0; n--) {
            String name = in.latin1();
            String value = in.latin1();
            if (name != null && value != null) {
                base.put(name, value);
            }
        }
        List<byte[][]> rules = new ArrayList<>();
        for (int n = in.octet() % 4; n > 0; n--) {
            byte[] name = in.bytes();
            byte[] value = in.bytes();
            if (name != null && value != null) {
                rules.add(new byte[][] {name, value});
            }
        }
        Endpoints e = endpoints(in);
        List<SslVariable> ssl = new ArrayList<>();
        for (int n = in.octet() % 4; n > 0; n--) {
            String name = in.utf8();
            String value = in.utf8();
            if (name != null && value != null) {
                ssl.add(new SslVariable("SSL_" + name, value));
            }
        }

        ProgramEnvironment env = new ProgramEnvironment(base).rules(rules).connection(e, tcpEnv);
        env.all(UcspiTls.variables());
        env.all(org.ucspi4j.runtime.tls.SslVariables.asEnvironment(ssl));

        Map<String, String> expected = new LinkedHashMap<>();
        base.forEach((k, v) -> put(expected, k, v));
        for (byte[][] r : rules) {
            put(expected, new String(r[0], StandardCharsets.ISO_8859_1), new String(r[1], StandardCharsets.ISO_8859_1));
        }
        put(expected, "PROTO", "SSL");
        String[] suffixes = {"LOCALIP", "LOCALPORT", "LOCALHOST", "REMOTEIP", "REMOTEPORT", "REMOTEHOST", "REMOTEINFO"};
        String[] values = {e.localIp(), e.localPort(), e.localHost(), e.remoteIp(), e.remotePort(), e.remoteHost(),
            e.remoteInfo()};
        for (int i = 0; i < suffixes.length; i++) {
            put(expected, "SSL" + suffixes[i], values[i]);
        }
        if (tcpEnv) {
            put(expected, "PROTO", e.ipv6() ? "TCP6" : "TCP");
            for (int i = 0; i < suffixes.length; i++) {
                put(expected, "TCP" + suffixes[i], values[i]);
            }
            if (e.ipv6()) {
                for (int i = 0; i < suffixes.length - 1; i++) { // no TCP6REMOTEINFO
                    put(expected, "TCP6" + suffixes[i], values[i]);
                }
                put(expected, "TCP6INTERFACE", e.interfaceName());
            }
        }
        put(expected, "SSLCTLFD", "5");
        put(expected, "SSLREADFD", "3");
        put(expected, "SSLWRITEFD", "4");
        for (SslVariable v : ssl) {
            // values reach the environment as their UTF-8 bytes
            put(expected, v.name(), new String(v.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }

        assertThat(env.asMap()).isEqualTo(expected);
        byte[][] envp = env.envp();
        assertThat(envp.length).isEqualTo(expected.size());
        for (byte[] entry : envp) {
            String text = new String(entry, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("\0").contains("=");
        }
        for (String standard : List.of("SSLREMOTEIP", "SSLREMOTEHOST", "SSLREMOTEINFO", "PROTO")) {
            assertThat(env.get(standard)).isEqualTo(expected.get(standard));
        }
    }

    private static Endpoints endpoints(FuzzInput in) {
        return new Endpoints(in.utf8(), in.utf8(), in.utf8(), in.utf8(), in.utf8(), in.utf8(), in.utf8(), in.flag(),
                in.utf8());
    }

    /** pathexec_env on C strings: the name and value end at a NUL; null removes. */
    private static void put(Map<String, String> env, String name, String value) {
        name = cut(name);
        env.remove(name);
        if (value != null) {
            env.put(name, cut(value));
        }
    }

    private static String cut(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** fehQlibs' safecats on a C string, written out again. */
    private static String safecats(String field) {
        if (field == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; ; i++) {
            if (i == 100) {
                return out.append("...").toString();
            }
            if (i == field.length() || field.charAt(i) == '\0') {
                return out.toString();
            }
            char c = field.charAt(i);
            out.append(c < 33 || c > 126 || c == '%' ? '?' : c);
        }
    }
}
