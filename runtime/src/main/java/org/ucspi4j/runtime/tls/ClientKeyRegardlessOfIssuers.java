package org.ucspi4j.runtime.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * sslclient's {@code -c}/{@code -k} certificate is sent whatever CA names the server lists, as the C
 * client (OpenSSL) sends its configured certificate. The provider's key manager offers a certificate
 * only when its issuer is among the names the server sent, so a server whose CCAFILE names the leaf
 * itself (as ucspi-ssl's own tests do), or an intermediate, got none and answered
 * certificate_required. The issuer filter is tried first, so a key store that ever held several
 * entries would still pick the fitting one; the key type and signature algorithms still have to match.
 */
final class ClientKeyRegardlessOfIssuers extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    ClientKeyRegardlessOfIssuers(X509ExtendedKeyManager keys) {
        this.keys = keys;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        String alias = keys.chooseClientAlias(keyType, issuers, socket);
        return alias != null || issuers == null ? alias : keys.chooseClientAlias(keyType, null, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        String alias = keys.chooseEngineClientAlias(keyType, issuers, engine);
        return alias != null || issuers == null ? alias : keys.chooseEngineClientAlias(keyType, null, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return keys.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys.getPrivateKey(alias);
    }
}
