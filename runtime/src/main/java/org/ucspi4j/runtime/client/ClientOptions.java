package org.ucspi4j.runtime.client;

import java.time.Duration;
import java.util.List;

/**
 * sslclient's command line (ucspi-ssl 0.13's letters and defaults, with the option arguments that
 * 0.13's getopt string lost restored as in 0.95b). Strings are byte strings.
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

    public ClientOptions {
        connectTimeout = connectTimeout.clone();
        program = List.copyOf(program);
    }

    @Override
    public Duration[] connectTimeout() {
        return connectTimeout.clone();
    }

    /** The whole connect (and handshake) budget, x+y. */
    public Duration totalTimeout() {
        return connectTimeout[0].plus(connectTimeout[1]);
    }
}
