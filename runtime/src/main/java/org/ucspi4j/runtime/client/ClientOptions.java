package org.ucspi4j.runtime.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * sslclient's command line (ucspi-ssl 0.13's letters and defaults, with the option arguments that
 * 0.13's getopt string lost restored as in 0.95b). Strings are byte strings. Made with
 * {@link #builder()}, which starts from the defaults.
 *
 * @param verbosity 0 {@code -q}, 1 {@code -Q} (default), 2 {@code -v}
 * @param ipv4Only {@code -4}
 * @param connectTimeout {@code -T x+y}: first try per address, retry of the ones that timed out
 * @param localIp {@code -i}, or null
 * @param localPort {@code -p}, 0 for any
 * @param interfaceName {@code -I}, or null
 * @param delay {@code -d} (Nagle on) / {@code -D} (default)
 * @param remoteHost {@code -h} (default) / {@code -H}
 * @param localName {@code -l}, or null to look it up
 * @param remoteInfo {@code -r} / {@code -R} (default)
 * @param identTimeout {@code -t} (default 26 s)
 * @param idleTimeout {@code -w} (default 3600 s)
 * @param caFile {@code -a}, or null
 * @param caDir {@code -A}, or null
 * @param verifyDepth {@code -V} (default 1)
 * @param certFile {@code -c}, or null
 * @param keyFile {@code -k}, or null (the key is then read from the certificate file)
 * @param passphraseFromFd3 {@code -3}
 * @param passphraseFile {@code -K}, or null
 * @param ciphers {@code -z}, or null
 * @param verify {@code -x} (default) / {@code -X}: check the server's certificate at all
 * @param checkName {@code -n} (default) / {@code -N}: check it names the host
 * @param sni {@code -m} / {@code -M} (default): send the host as SNI
 * @param sslEnv {@code -s} / {@code -S} (default)
 * @param tcpEnv {@code -e} / {@code -E} (default)
 * @param delayedTls {@code -y}: client-side UCSPI-TLS, the program starts TLS
 * @param host the server
 * @param port a number or a service name
 * @param program the program and its arguments
 */
public record ClientOptions(
        int verbosity, boolean ipv4Only, Duration[] connectTimeout, String localIp, int localPort, String interfaceName,
        boolean delay, boolean remoteHost, String localName, boolean remoteInfo, Duration identTimeout,
        Duration idleTimeout, String caFile, String caDir, int verifyDepth, String certFile, String keyFile,
        boolean passphraseFromFd3, String passphraseFile, String ciphers, boolean verify, boolean checkName,
        boolean sni, boolean sslEnv, boolean tcpEnv, boolean delayedTls, String host, String port,
        List<String> program) {

    /** Checks what no command line can mean: a verbosity other than 0-2, a negative time, port or depth. */
    public ClientOptions {
        if (verbosity < 0 || verbosity > 2) {
            throw new IllegalArgumentException("verbosity " + verbosity + " is not 0 to 2");
        }
        connectTimeout = connectTimeout.clone();
        if (connectTimeout.length != 2) {
            throw new IllegalArgumentException("connectTimeout has " + connectTimeout.length + " times, not 2");
        }
        for (Duration d : new Duration[] {connectTimeout[0], connectTimeout[1], identTimeout, idleTimeout}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("timeout " + d + " is negative");
            }
        }
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("localPort " + localPort + " is not 0 to 65535");
        }
        if (verifyDepth < 0) {
            throw new IllegalArgumentException("verifyDepth " + verifyDepth + " is negative");
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        program = List.copyOf(program);
    }

    /** A builder holding the defaults: set what the command line says, then {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Duration[] connectTimeout() {
        return connectTimeout.clone();
    }

    /** The whole connect (and handshake) budget, x+y. */
    public Duration totalTimeout() {
        return connectTimeout[0].plus(connectTimeout[1]);
    }

    /** Sets each component by its name (see the record's parameters); every one starts at its default. */
    public static final class Builder {
        private int verbosity = 1;
        private boolean ipv4Only;
        private Duration firstConnectTimeout = Duration.ofSeconds(2);
        private Duration retryConnectTimeout = Duration.ofSeconds(58);
        private String localIp;
        private int localPort;
        private String interfaceName;
        private boolean delay;
        private boolean remoteHost = true;
        private String localName;
        private boolean remoteInfo;
        private Duration identTimeout = Duration.ofSeconds(26);
        private Duration idleTimeout = Duration.ofSeconds(3600);
        private String caFile;
        private String caDir;
        private int verifyDepth = 1;
        private String certFile;
        private String keyFile;
        private boolean passphraseFromFd3;
        private String passphraseFile;
        private String ciphers;
        private boolean verify = true;
        private boolean checkName = true;
        private boolean sni;
        private boolean sslEnv;
        private boolean tcpEnv;
        private boolean delayedTls;
        private String host;
        private String port;
        private List<String> program = List.of();

        private Builder() {}

        public Builder verbosity(int v) { verbosity = v; return this; }
        public Builder ipv4Only(boolean v) { ipv4Only = v; return this; }

        /** {@code -T first+retry}. */
        public Builder connectTimeout(Duration first, Duration retry) {
            firstConnectTimeout = first;
            retryConnectTimeout = retry;
            return this;
        }

        public Builder localIp(String v) { localIp = v; return this; }
        public Builder localPort(int v) { localPort = v; return this; }
        public Builder interfaceName(String v) { interfaceName = v; return this; }
        public Builder delay(boolean v) { delay = v; return this; }
        public Builder remoteHost(boolean v) { remoteHost = v; return this; }
        public Builder localName(String v) { localName = v; return this; }
        public Builder remoteInfo(boolean v) { remoteInfo = v; return this; }
        public Builder identTimeout(Duration v) { identTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder caFile(String v) { caFile = v; return this; }
        public Builder caDir(String v) { caDir = v; return this; }
        public Builder verifyDepth(int v) { verifyDepth = v; return this; }
        public Builder certFile(String v) { certFile = v; return this; }
        public Builder keyFile(String v) { keyFile = v; return this; }
        public Builder passphraseFromFd3(boolean v) { passphraseFromFd3 = v; return this; }
        public Builder passphraseFile(String v) { passphraseFile = v; return this; }
        public Builder ciphers(String v) { ciphers = v; return this; }
        public Builder verify(boolean v) { verify = v; return this; }
        public Builder checkName(boolean v) { checkName = v; return this; }
        public Builder sni(boolean v) { sni = v; return this; }
        public Builder sslEnv(boolean v) { sslEnv = v; return this; }
        public Builder tcpEnv(boolean v) { tcpEnv = v; return this; }
        public Builder delayedTls(boolean v) { delayedTls = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(String v) { port = v; return this; }
        public Builder program(List<String> v) { program = v; return this; }

        /**
         * The options.
         *
         * @throws IllegalArgumentException for a verbosity other than 0-2, a negative timeout or
         *     verify depth, a local port beyond 65535
         * @throws NullPointerException when host, port, program or a timeout is null
         */
        public ClientOptions build() {
            return new ClientOptions(verbosity, ipv4Only, new Duration[] {firstConnectTimeout, retryConnectTimeout},
                    localIp, localPort, interfaceName, delay, remoteHost, localName, remoteInfo, identTimeout, idleTimeout,
                    caFile, caDir, verifyDepth, certFile, keyFile, passphraseFromFd3, passphraseFile, ciphers, verify,
                    checkName, sni, sslEnv, tcpEnv, delayedTls, host, port, program);
        }
    }
}
