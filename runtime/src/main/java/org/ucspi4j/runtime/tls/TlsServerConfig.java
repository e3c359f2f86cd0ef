package org.ucspi4j.runtime.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What sslserver's TLS context is made of (CERTFILE/KEYFILE, CAFILE, CADIR, VERIFYDEPTH, CCAFILE,
 * DHFILE, CIPHERS), already decided: the caller has loaded the key material and chosen the
 * client-certificate mode.
 *
 * @param certificates the server's chains and keys: the default and those for SNI names
 * @param caFile CAFILE: PEM trust anchors for client certificates
 * @param caDir CADIR: a directory of PEM trust anchors (OpenSSL hashed names or {@code *.pem})
 * @param verifyDepth VERIFYDEPTH: the most intermediate CA certificates a client chain may have
 *     (OpenSSL's verify depth); negative for no limit
 * @param clientAuth whether to request and require a client certificate
 * @param clientCaFile CCAFILE: the certificates whose subjects are sent as acceptable CA names in the
 *     CertificateRequest; without it the list is empty
 * @param protocols the protocol versions to enable, by JSSE name
 * @param ciphers CIPHERS, see {@link CipherList}; empty for the provider's default
 * @param dhParameters DHFILE's parameters, see {@link DhParameters#installForJsse()}
 * @param provider the JSSE implementation
 * @param applicationProtocols ALPN: the protocols the server selects from, in its order of
 *     preference; empty for no ALPN
 */
public record TlsServerConfig(
        CertificateSet certificates,
        Optional<Path> caFile,
        Optional<Path> caDir,
        int verifyDepth,
        ClientAuth clientAuth,
        Optional<Path> clientCaFile,
        List<String> protocols,
        String ciphers,
        Optional<DhParameters> dhParameters,
        TlsProvider provider,
        List<String> applicationProtocols) {

    /** TLS 1.2 and 1.3: what OpenSSL 3 negotiates by default, and all a current peer needs. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** ucspi-ssl's VERIFYDEPTH default. */
    public static final int DEFAULT_VERIFY_DEPTH = 1;

    public TlsServerConfig {
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(caDir, "caDir");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(clientCaFile, "clientCaFile");
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(ciphers, "ciphers");
        Objects.requireNonNull(dhParameters, "dhParameters");
        Objects.requireNonNull(provider, "provider");
        applicationProtocols = List.copyOf(applicationProtocols);
    }

    /** A server with these credentials and every other setting at its default. */
    public static TlsServerConfig of(KeyMaterial keyMaterial) {
        return of(CertificateSet.of(keyMaterial));
    }

    /** A server presenting these certificates, every other setting at its default. */
    public static TlsServerConfig of(CertificateSet certificates) {
        return new TlsServerConfig(certificates, Optional.empty(), Optional.empty(), DEFAULT_VERIFY_DEPTH,
                ClientAuth.NONE, Optional.empty(), DEFAULT_PROTOCOLS, "", Optional.empty(), TlsProvider.SUN_JSSE,
                List.of());
    }

    public TlsServerConfig withTrust(Path caFile, Path caDir, int verifyDepth) {
        return new TlsServerConfig(certificates, Optional.ofNullable(caFile), Optional.ofNullable(caDir), verifyDepth,
                clientAuth, clientCaFile, protocols, ciphers, dhParameters, provider, applicationProtocols);
    }

    public TlsServerConfig withClientAuth(ClientAuth clientAuth, Path clientCaFile) {
        return new TlsServerConfig(certificates, caFile, caDir, verifyDepth, clientAuth,
                Optional.ofNullable(clientCaFile), protocols, ciphers, dhParameters, provider, applicationProtocols);
    }

    public TlsServerConfig withProtocols(List<String> protocols) {
        return new TlsServerConfig(certificates, caFile, caDir, verifyDepth, clientAuth, clientCaFile, protocols,
                ciphers, dhParameters, provider, applicationProtocols);
    }

    public TlsServerConfig withCiphers(String ciphers) {
        return new TlsServerConfig(certificates, caFile, caDir, verifyDepth, clientAuth, clientCaFile, protocols,
                ciphers, dhParameters, provider, applicationProtocols);
    }

    public TlsServerConfig withDhParameters(DhParameters dhParameters) {
        return new TlsServerConfig(certificates, caFile, caDir, verifyDepth, clientAuth, clientCaFile, protocols,
                ciphers, Optional.ofNullable(dhParameters), provider, applicationProtocols);
    }

    /** ALPN=: what the server selects from, in its order of preference (RFC 7301). */
    public TlsServerConfig withApplicationProtocols(List<String> applicationProtocols) {
        return new TlsServerConfig(certificates, caFile, caDir, verifyDepth, clientAuth, clientCaFile, protocols,
                ciphers, dhParameters, provider, applicationProtocols);
    }

    public TlsServerConfig withProvider(TlsProvider provider) {
        return new TlsServerConfig(certificates, caFile, caDir, verifyDepth, clientAuth, clientCaFile, protocols,
                ciphers, dhParameters, provider, applicationProtocols);
    }
}
