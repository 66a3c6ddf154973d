package dev.qrbeam.relay.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and private key without extra libraries. Keys: PKCS#8 ({@code BEGIN PRIVATE KEY};
 * RSA, EC, Ed25519 — what certbot writes) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, older tools), which is wrapped
 * into PKCS#8 as is. Encrypted keys and SEC1 ({@code BEGIN EC PRIVATE KEY}) are refused with the openssl command
 * that converts them.
 */
public final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PemFiles() {}

    /** The certificates in {@code file}, leaf first. */
    public static X509Certificate[] certificates(Path file) throws IOException {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))
                    .stream()
                    .map(c -> (X509Certificate) c)
                    .toList();
            if (certs.isEmpty()) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return certs.toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** The private key in {@code file} (the first key block). */
    public static PrivateKey privateKey(Path file) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            return switch (type) {
                case "PRIVATE KEY" -> pkcs8(der, file);
                case "RSA PRIVATE KEY" -> pkcs8(wrapRsa(der), file);
                default ->
                    throw new IOException(file + ": " + type + " is not supported; convert it with "
                            + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem'");
            };
        }
        throw new IOException(file + " holds no PEM private key");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": unreadable PKCS#8 private key (RSA, EC and Ed25519 are supported)");
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: SEQUENCE { 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapRsa(byte[] pkcs1) {
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[3 + RSA_ALGORITHM.length + octets.length];
        body[0] = 0x02;
        body[1] = 0x01;
        body[2] = 0x00;
        System.arraycopy(RSA_ALGORITHM, 0, body, 3, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, 3 + RSA_ALGORITHM.length, octets.length);
        return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        int lenBytes = n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
        byte[] out = new byte[2 + lenBytes + n];
        out[0] = (byte) tag;
        if (lenBytes == 0) {
            out[1] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | lenBytes);
            for (int i = 0; i < lenBytes; i++) {
                out[2 + i] = (byte) (n >>> (8 * (lenBytes - 1 - i)));
            }
        }
        System.arraycopy(value, 0, out, 2 + lenBytes, n);
        return out;
    }
}
