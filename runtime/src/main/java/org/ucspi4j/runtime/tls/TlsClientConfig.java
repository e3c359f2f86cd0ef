package org.ucspi4j.runtime.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What sslclient's TLS context is made of: its options {@code -a}, {@code -A}, {@code -V}, {@code -c}
 * and {@code -k}, {@code -x}/{@code -X}, {@code -n}/{@code -N}, {@code -m}/{@code -M} and {@code -z}.
 *
 * @param keyMaterial the client certificate and key to present when asked, if any
 * @param caFile trust anchors (PEM) for the server's chain
 * @param caDir a directory of PEM trust anchors; with neither file nor directory the JDK's default
 *     trust store is used
 * @param verifyDepth the most intermediate CA certificates the server chain may have; negative for
 *     no limit
 * @param verifyPeer verify the server's chain at all ({@code -X} turns this off, and with it every
 *     other check)
 * @param checkHostname check the server's certificate against the host name, RFC 6125 style
 *     (endpoint identification "HTTPS": DNS names with wildcards, IP addresses against IP SANs)
 * @param sendSni send the host name as SNI (never for an IP address literal)
 * @param protocols the protocol versions to enable, by JSSE name
 * @param ciphers the cipher list, see {@link CipherList}; empty for the provider's default
 * @param provider the JSSE implementation
 * @param applicationProtocols ALPN: the protocols to offer, in order of preference; empty for none
 */
public record TlsClientConfig(
        Optional<KeyMaterial> keyMaterial,
        Optional<Path> caFile,
        Optional<Path> caDir,
        int verifyDepth,
        boolean verifyPeer,
        boolean checkHostname,
        boolean sendSni,
        List<String> protocols,
        String ciphers,
        TlsProvider provider,
        List<String> applicationProtocols) {

    public TlsClientConfig {
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(caDir, "caDir");
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(ciphers, "ciphers");
        Objects.requireNonNull(provider, "provider");
        applicationProtocols = List.copyOf(applicationProtocols);
    }

    /**
     * sslclient's defaults: verify the chain against the JDK trust store with depth 1, check the host
     * name, no SNI, no client certificate, TLS 1.2 and 1.3, SunJSSE.
     */
    public static TlsClientConfig defaults() {
        return new TlsClientConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                TlsServerConfig.DEFAULT_VERIFY_DEPTH, true, true, false, TlsServerConfig.DEFAULT_PROTOCOLS, "",
                TlsProvider.SUN_JSSE, List.of());
    }

    public TlsClientConfig withKeyMaterial(KeyMaterial keyMaterial) {
        return new TlsClientConfig(Optional.ofNullable(keyMaterial), caFile, caDir, verifyDepth, verifyPeer,
                checkHostname, sendSni, protocols, ciphers, provider, applicationProtocols);
    }

    public TlsClientConfig withTrust(Path caFile, Path caDir, int verifyDepth) {
        return new TlsClientConfig(keyMaterial, Optional.ofNullable(caFile), Optional.ofNullable(caDir),
                verifyDepth, verifyPeer, checkHostname, sendSni, protocols, ciphers, provider, applicationProtocols);
    }

    public TlsClientConfig withChecks(boolean verifyPeer, boolean checkHostname) {
        return new TlsClientConfig(keyMaterial, caFile, caDir, verifyDepth, verifyPeer, checkHostname, sendSni,
                protocols, ciphers, provider, applicationProtocols);
    }

    public TlsClientConfig withSni(boolean sendSni) {
        return new TlsClientConfig(keyMaterial, caFile, caDir, verifyDepth, verifyPeer, checkHostname, sendSni,
                protocols, ciphers, provider, applicationProtocols);
    }

    public TlsClientConfig withProtocols(List<String> protocols) {
        return new TlsClientConfig(keyMaterial, caFile, caDir, verifyDepth, verifyPeer, checkHostname, sendSni,
                protocols, ciphers, provider, applicationProtocols);
    }

    public TlsClientConfig withCiphers(String ciphers) {
        return new TlsClientConfig(keyMaterial, caFile, caDir, verifyDepth, verifyPeer, checkHostname, sendSni,
                protocols, ciphers, provider, applicationProtocols);
    }

    public TlsClientConfig withProvider(TlsProvider provider) {
        return new TlsClientConfig(keyMaterial, caFile, caDir, verifyDepth, verifyPeer, checkHostname, sendSni,
                protocols, ciphers, provider, applicationProtocols);
    }

    /** ALPN=: the protocols to offer. */
    public TlsClientConfig withApplicationProtocols(List<String> applicationProtocols) {
        return new TlsClientConfig(keyMaterial, caFile, caDir, verifyDepth, verifyPeer, checkHostname, sendSni,
                protocols, ciphers, provider, applicationProtocols);
    }
}
