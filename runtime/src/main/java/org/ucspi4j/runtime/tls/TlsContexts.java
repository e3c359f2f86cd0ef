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
        SSLContext context = context(provider, keyManagers(config.keyMaterial(), provider), trust);
        SSLParameters parameters = parameters(context, config.protocols(), config.ciphers());
        return new ServerTlsContext(context, parameters.getProtocols(), parameters.getCipherSuites(),
                config.clientAuth() == ClientAuth.REQUIRED, config.provider());
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
        SSLContext context = context(provider, keys, new TrustManager[] {trust});
        SSLParameters parameters = parameters(context, config.protocols(), config.ciphers());
        return new ClientTlsContext(context, parameters.getProtocols(), parameters.getCipherSuites(), config.provider(),
                config.verifyPeer() && config.checkHostname(), config.sendSni());
    }

    private static SSLContext context(Provider provider, KeyManager[] keys, TrustManager[] trust)
            throws TlsSetupException.Context {
        try {
            SSLContext context = SSLContext.getInstance("TLS", provider);
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException.Context(provider.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The provider's key manager over an in-memory key store holding just this chain and key. */
    private static KeyManager[] keyManagers(KeyMaterial material, Provider provider) throws TlsSetupException.Context {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", material.privateKey(), ENTRY_PASSWORD,
                    material.chain().toArray(X509Certificate[]::new));
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

    /** Protocols (each must be supported) and the resolved cipher list on the context's defaults. */
    private static SSLParameters parameters(SSLContext context, List<String> protocols, String ciphers)
            throws TlsSetupException {
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
        parameters.setCipherSuites(CipherList.resolve(ciphers, Arrays.asList(supported.getCipherSuites()),
                Arrays.asList(parameters.getCipherSuites())).toArray(String[]::new));
        return parameters;
    }
}
