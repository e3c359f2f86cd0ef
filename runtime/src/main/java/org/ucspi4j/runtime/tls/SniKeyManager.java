package org.ucspi4j.runtime.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key manager: picks the certificate for the client's SNI name ({@link
 * CertificateSet#select}), then lets that certificate's own provider key manager decide whether it
 * suits the key type the handshake asks for, so each provider keeps its own rules. The set can be
 * replaced while handshakes run ({@link #install}): an alias names the generation it came from, and
 * recent generations stay reachable, so a handshake that chose before a reload gets the key and
 * chain it chose, never a mix of old and new.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    /** Generations kept for handshakes between choosing an alias and fetching its key (microseconds). */
    private static final int KEPT = 8;

    private record Generation(int number, CertificateSet set, List<ServedCertificate> certificates,
                              List<X509ExtendedKeyManager> managers) {}

    private final Provider provider;
    private final Map<Integer, Generation> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Generation> eldest) {
            return size() > KEPT;
        }
    };
    private volatile Generation current;

    SniKeyManager(Provider provider, CertificateSet set) throws TlsSetupException.Context {
        this.provider = provider;
        install(set);
    }

    /** New handshakes use {@code set} from now on; running ones keep what they chose. */
    void install(CertificateSet set) throws TlsSetupException.Context {
        List<ServedCertificate> certificates = set.all();
        List<X509ExtendedKeyManager> managers = new ArrayList<>();
        for (ServedCertificate c : certificates) {
            managers.add(TlsContexts.keyManager(c.keys(), provider));
        }
        synchronized (recent) {
            int number = current == null ? 0 : current.number() + 1;
            Generation g = new Generation(number, set, certificates, List.copyOf(managers));
            recent.put(number, g);
            current = g;
        }
    }

    CertificateSet certificates() {
        return current.set();
    }

    /**
     * The SNI name of the ClientHello being answered on this thread, as the server read it before the
     * handshake ({@link ClientGreeting#serverName()}, empty for none). SunJSSE chooses a certificate
     * once more when it restores a TLS 1.3 session ticket, before it has a handshake session to ask
     * for the name; without this it would choose the default, see its checksum differ and refuse to
     * resume every session of a named certificate.
     */
    static final ScopedValue<String> CLIENT_HELLO_NAME = ScopedValue.newInstance();

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        String name = CLIENT_HELLO_NAME.isBound() ? CLIENT_HELLO_NAME.get()
                : socket instanceof SSLSocket s ? requestedName(s.getHandshakeSession()) : null;
        return choose(name, m -> m.chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String name = CLIENT_HELLO_NAME.isBound() ? CLIENT_HELLO_NAME.get()
                : engine == null ? null : requestedName(engine.getHandshakeSession());
        return choose(name, m -> m.chooseEngineServerAlias(keyType, issuers, engine));
    }

    private String choose(String serverName, Function<X509ExtendedKeyManager, String> delegate) {
        Generation g = current;
        return g.set().select(serverName == null || serverName.isEmpty() ? null : serverName).map(c -> {
            int index = g.certificates().indexOf(c);
            String alias = delegate.apply(g.managers().get(index));
            return alias == null ? null : g.number() + ":" + index + ":" + alias;
        }).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation g = current;
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < g.managers().size(); i++) {
            String[] some = g.managers().get(i).getServerAliases(keyType, issuers);
            for (int j = 0; some != null && j < some.length; j++) {
                aliases.add(g.number() + ":" + i + ":" + some[j]);
            }
        }
        return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Target t = target(alias);
        return t == null ? null : t.manager().getCertificateChain(t.alias());
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Target t = target(alias);
        return t == null ? null : t.manager().getPrivateKey(t.alias());
    }

    private record Target(X509ExtendedKeyManager manager, String alias) {}

    private Target target(String alias) {
        if (alias == null) {
            return null;
        }
        String[] parts = alias.split(":", 3);
        if (parts.length < 3) {
            return null;
        }
        Generation g;
        int index;
        try {
            synchronized (recent) {
                g = recent.get(Integer.valueOf(parts[0]));
            }
            index = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return null; // not one of ours
        }
        return g == null || index >= g.managers().size() ? null : new Target(g.managers().get(index), parts[2]);
    }

    // a server's key manager: it presents no client certificate
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    /** The host name the client sent in SNI during this handshake, or null. */
    static String requestedName(SSLSession handshake) {
        if (!(handshake instanceof ExtendedSSLSession session)) {
            return null;
        }
        List<SNIServerName> names;
        try {
            names = session.getRequestedServerNames();
        } catch (UnsupportedOperationException e) {
            return null; // BCJSSE's established sessions do not keep them
        }
        for (SNIServerName n : names) {
            if (n.getType() == StandardConstants.SNI_HOST_NAME) {
                try {
                    return n instanceof SNIHostName h ? h.getAsciiName() : new SNIHostName(n.getEncoded()).getAsciiName();
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
