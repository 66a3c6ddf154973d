package dev.qrbeam.core.relay;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context (the system's trusted CAs), made only when a {@code wss://} connection first needs
 * it. {@code HttpClient.newBuilder().build()} otherwise initialises JSSE and reads the CA store at once: measured
 * 0.35-0.4 CPU-s and as much wall time in a fresh JVM, on the receiver's path to its first byte, although most
 * relays (built-in, LAN, a standalone {@code ws://} relay) never use TLS. Trust is unchanged: every call goes to
 * {@link SSLContext#getDefault()}.
 */
final class LazyDefaultTls extends SSLContext {
    private final Spi spi;

    private LazyDefaultTls(Spi spi) {
        super(spi, new LazyProvider(), "Default");
        this.spi = spi;
    }

    /** A fresh lazy context. */
    static LazyDefaultTls create() {
        return new LazyDefaultTls(new Spi());
    }

    /**
     * Parameters to give the HttpClient with this context so that building the client does not ask the context for
     * its defaults (which would initialise it): unset protocols and cipher suites mean the engine's own defaults.
     */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    /** Whether TLS was initialised (a {@code wss://} connection happened). */
    boolean initialised() {
        return spi.real != null;
    }

    private static final class LazyProvider extends Provider {
        LazyProvider() {
            super("QRBeamLazyDefaultTls", "1", "the JDK's default TLS context, made on first use");
        }
    }

    private static final class Spi extends SSLContextSpi {
        private volatile SSLContext real;

        private SSLContext real() {
            SSLContext r = real;
            if (r == null) {
                synchronized (this) {
                    if (real == null) {
                        try {
                            real = SSLContext.getDefault();
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException("the JDK has no default TLS context", e);
                        }
                    }
                    r = real;
                }
            }
            return r;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("the default TLS context is already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real().getSupportedSSLParameters();
        }
    }
}
