package org.ucspi4j.runtime.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The trust managers a context is made with. */
final class TrustManagers {
    private TrustManagers() {}

    /**
     * The provider's PKIX trust manager over {@code anchors}, with OpenSSL's verify depth as the
     * PKIX maximum path length (both count the intermediate CA certificates between the peer's
     * certificate and the trust anchor) and, as in OpenSSL, no revocation checking.
     */
    static X509ExtendedTrustManager pkix(List<X509Certificate> anchors, int verifyDepth, Provider provider)
            throws TlsSetupException.CaList {
        if (anchors.isEmpty()) {
            return new NoTrust();
        }
        Set<TrustAnchor> set = anchors.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        try {
            return pkix(new PKIXBuilderParameters(set, new X509CertSelector()), verifyDepth, provider);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException.CaList(e.getMessage(), e);
        }
    }

    /** As {@link #pkix(List, int, Provider)} with the trusted certificates of a key store. */
    static X509ExtendedTrustManager pkix(KeyStore anchors, int verifyDepth, Provider provider)
            throws TlsSetupException.CaList {
        try {
            return pkix(new PKIXBuilderParameters(anchors, new X509CertSelector()), verifyDepth, provider);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException.CaList(e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager pkix(PKIXBuilderParameters params, int verifyDepth, Provider provider)
            throws GeneralSecurityException {
        params.setRevocationEnabled(false);
        params.setMaxPathLength(verifyDepth < 0 ? -1 : verifyDepth);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", provider);
        factory.init(new CertPathTrustManagerParameters(params));
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x509) {
                return verifyDepth < 0 ? x509 : new DepthLimited(x509, params);
            }
        }
        throw new GeneralSecurityException(provider.getName() + " made no X509ExtendedTrustManager");
    }

    /**
     * Verifies like {@code delegate}, then insists on a path within the verify depth. JSSE validates
     * the chain the peer sent with a CertPathValidator, which ignores the maximum path length (only
     * a CertPathBuilder honours it), so the path is built once more here with the limit in force.
     */
    static final class DepthLimited extends Delegating {
        private final PKIXBuilderParameters params;

        DepthLimited(X509ExtendedTrustManager delegate, PKIXBuilderParameters params) {
            super(delegate);
            this.params = params;
        }

        @Override
        void verified(X509Certificate[] chain) throws CertificateException {
            try {
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(chain[0]);
                PKIXBuilderParameters p = (PKIXBuilderParameters) params.clone();
                p.setTargetCertConstraints(target);
                p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(chain))));
                CertPathBuilder.getInstance("PKIX").build(p);
            } catch (GeneralSecurityException e) {
                throw new CertificateException("no certificate path within the verify depth ("
                        + params.getMaxPathLength() + " intermediate CA certificates)", e);
            }
        }
    }

    /** A trust manager that passes every check to another one, then lets a subclass add its own. */
    abstract static class Delegating extends X509ExtendedTrustManager {
        final X509ExtendedTrustManager delegate;

        Delegating(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        /** Called after {@code delegate} accepted {@code chain}. */
        void verified(X509Certificate[] chain) throws CertificateException {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
            verified(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
            verified(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
            verified(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            verified(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            verified(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            verified(chain);
        }
    }

    /**
     * Verifies like {@code delegate} but advertises CCAFILE's subjects as the acceptable client CAs:
     * JSSE fills the CertificateRequest's certificate_authorities from {@code getAcceptedIssuers()},
     * and ucspi-ssl keeps that list (CCAFILE) apart from the trust anchors (CAFILE, CADIR).
     */
    static final class ClientCaList extends Delegating {
        private final X509Certificate[] acceptedIssuers;

        ClientCaList(X509ExtendedTrustManager delegate, List<X509Certificate> acceptedIssuers) {
            super(delegate);
            this.acceptedIssuers = acceptedIssuers.toArray(X509Certificate[]::new);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return acceptedIssuers.clone();
        }
    }

    /** No trust anchors configured: every peer certificate is refused. */
    static final class NoTrust extends X509ExtendedTrustManager {
        private static CertificateException refuse() {
            return new CertificateException("no trusted CA certificates configured (CAFILE, CADIR)");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw refuse();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw refuse();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refuse();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw refuse();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw refuse();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refuse();
        }
    }

    /** sslclient {@code -X}: no verification of any kind, the peer's certificate is taken as it is. */
    static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    }
}
