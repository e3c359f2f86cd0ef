package org.ucspi4j.runtime.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the JSSE contexts of sslserver and sslclient from their configuration records. All files are
 * read here, so a context can be made before privileges are dropped and used after.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /** The in-memory key store's entry password; the store never leaves this JVM. */
    private static final char[] ENTRY_PASSWORD = "ucspi4j".toCharArray();

    /**
     * The server context: the key material; with {@link ClientAuth#REQUIRED}, trust anchors from
     * CAFILE/CADIR limited to VERIFYDEPTH and CCAFILE's names in the CertificateRequest; protocols,
     * CIPHERS, and DHFILE's group installed for SunJSSE.
     */
    public static ServerTlsContext server(TlsServerConfig config) throws TlsSetupException {
        Provider provider = config.provider().provider();
        if (config.dhParameters().isPresent()) {
            try {
                config.dhParameters().get().installForJsse();
            } catch (IllegalStateException e) {
                throw new TlsSetupException.DhParameters(e.getMessage(), e);
            }
        }
        TrustManager[] trust = null;
        if (config.clientAuth() == ClientAuth.REQUIRED) {
            List<X509Certificate> anchors = TrustMaterial.anchors(config.caFile(), config.caDir());
            List<X509Certificate> clientCas = config.clientCaFile().isPresent()
                    ? TrustMaterial.clientCas(config.clientCaFile().get())
                    : List.of();
            X509ExtendedTrustManager verify = TrustManagers.pkix(anchors, config.verifyDepth(), provider);
            trust = new TrustManager[] {new TrustManagers.ClientCaList(verify, clientCas)};
        }
        rejectClientInitiatedRenegotiation();
        SniKeyManager keys = new SniKeyManager(provider, config.certificates());
        SSLContext context = context(provider, new KeyManager[] {keys}, trust);
        Negotiable negotiable = parameters(context, config.protocols(), config.ciphers(), TlsContexts::serverDefault);
        SSLParameters parameters = negotiable.parameters();
        return new ServerTlsContext(context, keys, parameters.getProtocols(), parameters.getCipherSuites(),
                config.clientAuth() == ClientAuth.REQUIRED, config.applicationProtocols(), config.provider(),
                negotiable.cipherWarnings());
    }

    /**
     * The client context: its own key material if any; trust from the CA file/directory or the JDK's
     * default store (or none at all when verification is off); protocols and cipher list. Host name
     * checking and SNI are per connection, see {@link ClientTlsContext#parameters(String)}.
     */
    public static ClientTlsContext client(TlsClientConfig config) throws TlsSetupException {
        Provider provider = config.provider().provider();
        X509ExtendedTrustManager trust;
        if (!config.verifyPeer()) {
            trust = new TrustManagers.TrustAll();
        } else if (config.caFile().isPresent() || config.caDir().isPresent()) {
            trust = TrustManagers.pkix(TrustMaterial.anchors(config.caFile(), config.caDir()),
                    config.verifyDepth(), provider);
        } else {
            trust = TrustManagers.pkix(TrustMaterial.jdkDefault(), config.verifyDepth(), provider);
        }
        KeyManager[] keys = config.keyMaterial().isPresent() ? keyManagers(config.keyMaterial().get(), provider) : null;
        for (int i = 0; keys != null && i < keys.length; i++) {
            if (keys[i] instanceof X509ExtendedKeyManager m) {
                keys[i] = new ClientKeyRegardlessOfIssuers(m);
            }
        }
        SSLContext context = context(provider, keys, new TrustManager[] {trust});
        Negotiable negotiable = parameters(context, config.protocols(), config.ciphers(), suite -> true);
        SSLParameters parameters = negotiable.parameters();
        return new ClientTlsContext(context, parameters.getProtocols(), parameters.getCipherSuites(), config.provider(),
                config.verifyPeer() && config.checkHostname(), config.sendSni(), config.applicationProtocols(),
                negotiable.cipherWarnings());
    }

    private static SSLContext context(Provider provider, KeyManager[] keys, TrustManager[] trust)
            throws TlsSetupException.Context {
        if (provider.getName().equals("SunJSSE")) {
            FastX25519.install(); // before the first handshake looks up "XDH"
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS", provider);
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException.Context(provider.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The provider's X.509 key manager for just this chain and key, see {@link #keyManagers}. */
    static X509ExtendedKeyManager keyManager(KeyMaterial material, Provider provider) throws TlsSetupException.Context {
        for (KeyManager m : keyManagers(material, provider)) {
            if (m instanceof X509ExtendedKeyManager x) {
                return x;
            }
        }
        throw new TlsSetupException.Context(provider.getName() + " made no X.509 key manager", null);
    }

    /** The provider's key manager over an in-memory key store holding just this chain and key. */
    private static KeyManager[] keyManagers(KeyMaterial material, Provider provider) throws TlsSetupException.Context {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            // The entry never leaves this process, so its protection is a formality: one PBKDF2
            // iteration, not the default 10,000, which a fresh JVM ran interpreted twice (here and
            // below) before the first connection, and compiled with C2 for 0.4-0.7 s of CPU.
            store.setEntry("key", new KeyStore.PrivateKeyEntry(material.privateKey(),
                    material.chain().toArray(X509Certificate[]::new)), new KeyStore.PasswordProtection(ENTRY_PASSWORD,
                    "PBEWithHmacSHA256AndAES_256", new javax.crypto.spec.PBEParameterSpec(new byte[16], 1)));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", provider);
            factory.init(store, ENTRY_PASSWORD);
            KeyManager[] managers = factory.getKeyManagers();
            for (int i = 0; i < managers.length; i++) {
                if (managers[i] instanceof X509ExtendedKeyManager m
                        && m.getClass().getName().equals("sun.security.ssl.X509KeyManagerImpl")) {
                    // the entry exactly as that manager would read it, once (see OneKeyManager)
                    KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) store.getEntry("key",
                            new KeyStore.PasswordProtection(ENTRY_PASSWORD));
                    managers[i] = new OneKeyManager(m, entry.getPrivateKey(),
                            (X509Certificate[]) entry.getCertificateChain());
                }
            }
            return managers;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsSetupException.Context("cannot use the key material: " + e.getMessage(), e);
        }
    }

    /**
     * The system property that makes SunJSSE refuse a renegotiation the client starts (TLS 1.2; TLS
     * 1.3 has none). SunJSSE reads it once, when the first server handshake loads its class.
     */
    static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    /**
     * A client that may renegotiate at will can make the server do a full handshake's work for each
     * request (testssl: "Secure Client-Initiated Renegotiation VULNERABLE, potential DoS"); nothing a
     * UCSPI program does needs it. Set before the first server handshake of this JVM, unless the
     * operator has set the property himself ({@code -D...=false} keeps the JDK's default).
     */
    static void rejectClientInitiatedRenegotiation() {
        if (System.getProperty(REJECT_CLIENT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
        }
    }

    /**
     * The server's default suites, without CIPHERS: all of the provider's TLS 1.3 suites and, for
     * TLS 1.2, only those with forward secrecy (ECDHE, DHE) and an AEAD cipher (GCM, ChaCha20-Poly1305),
     * Mozilla's "intermediate" choice. The CBC suites the JDK also enables by default are left out
     * (testssl: LUCKY13, "obsolete CBC ciphers"). The renegotiation-info signalling value stays.
     * CIPHERS can still name any suite the provider supports.
     */
    static boolean serverDefault(String suite) {
        if (suite.endsWith("_SCSV")) {
            return true;
        }
        if (!suite.contains("_WITH_")) {
            return suite.startsWith("TLS_"); // TLS 1.3: all AEAD, key exchange always (EC)DHE
        }
        boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        return forwardSecret && aead;
    }

    /** Connection parameters and what the cipher list had to say about them. */
    private record Negotiable(SSLParameters parameters, List<String> cipherWarnings) {}

    /**
     * Protocols (each must be supported) and the resolved cipher list on the context's defaults,
     * narrowed to {@code defaultSuite} for what CIPHERS leaves at its default.
     */
    private static Negotiable parameters(SSLContext context, List<String> protocols, String ciphers,
            java.util.function.Predicate<String> defaultSuite) throws TlsSetupException {
        SSLParameters supported = context.getSupportedSSLParameters();
        SSLParameters parameters = context.getDefaultSSLParameters();
        List<String> available = Arrays.asList(supported.getProtocols());
        List<String> wanted = new ArrayList<>();
        for (String protocol : protocols) {
            if (!available.contains(protocol)) {
                throw new TlsSetupException.Context("protocol not supported by "
                        + context.getProvider().getName() + ": " + protocol, null);
            }
            wanted.add(protocol);
        }
        if (wanted.isEmpty()) {
            throw new TlsSetupException.Context("no protocol version enabled", null);
        }
        parameters.setProtocols(wanted.toArray(String[]::new));
        List<String> defaults = Arrays.stream(parameters.getCipherSuites()).filter(defaultSuite).toList();
        CipherList.Resolved resolved = CipherList.resolve(ciphers, Arrays.asList(supported.getCipherSuites()), defaults);
        parameters.setCipherSuites(resolved.suites().toArray(String[]::new));
        return new Negotiable(parameters, resolved.warnings());
    }
}
