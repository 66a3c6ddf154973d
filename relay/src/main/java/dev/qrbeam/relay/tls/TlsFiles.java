package dev.qrbeam.relay.tls;

import java.nio.file.Path;

/**
 * The PEM files a relay serves {@code wss://} from: a certificate chain (leaf first, e.g. certbot's
 * {@code fullchain.pem}) and its private key (PKCS#8 {@code BEGIN PRIVATE KEY}, or PKCS#1 {@code BEGIN RSA PRIVATE
 * KEY} / SEC1 {@code BEGIN EC PRIVATE KEY} as certbot writes them). Both are read again when either file changes.
 *
 * @param certificateChain PEM certificate chain
 * @param privateKey       PEM private key, unencrypted
 */
public record TlsFiles(Path certificateChain, Path privateKey) {}
