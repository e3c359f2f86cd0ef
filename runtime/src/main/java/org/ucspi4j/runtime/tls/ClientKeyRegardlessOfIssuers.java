package org.ucspi4j.runtime.tls;

import java.net.Socket;
import java.security.Principal;
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
final class ClientKeyRegardlessOfIssuers extends DelegatingKeyManager {
    ClientKeyRegardlessOfIssuers(X509ExtendedKeyManager keys) {
        super(keys);
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
}
