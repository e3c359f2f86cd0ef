package org.ucspi4j.runtime.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * SunJSSE's PKIX key manager over our one-entry key store, with the entry read once. That manager
 * names every choice with a fresh alias ({@code N.0.key}), so its entry cache never hits and each
 * full handshake fetched the PKCS#12 entry again: a PBKDF2 decryption of the key (10,000 HMAC-SHA256
 * iterations), milliseconds of CPU per handshake. The store holds exactly one key entry, so every
 * alias the manager hands out names it; choosing (key type, issuers, SNI, validity, algorithm
 * constraints) is still the manager's, only the key and chain come from memory.
 */
final class OneKeyManager extends DelegatingKeyManager {
    private final PrivateKey key;
    private final X509Certificate[] chain;

    OneKeyManager(X509ExtendedKeyManager chooser, PrivateKey key, X509Certificate[] chain) {
        super(chooser);
        this.key = key;
        this.chain = chain.clone();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return alias == null ? null : chain.clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return alias == null ? null : key;
    }
}
