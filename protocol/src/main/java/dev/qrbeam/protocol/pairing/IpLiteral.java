package dev.qrbeam.protocol.pairing;

/** The one textual form of IPv6 addresses in codes and messages (RFC 5952), so equal addresses compare equal. */
public final class IpLiteral {
    private IpLiteral() {}

    /** RFC 5952 text of an IPv6 literal (lower case, longest run of zero groups as {@code ::}). */
    public static String compress(String literal) {
        byte[] b;
        try {
            b = java.net.InetAddress.getByName("[" + literal + "]").getAddress();
        } catch (java.net.UnknownHostException e) {
            throw RelayBase.malformed("The relay address is not a valid IPv6 address");
        }
        if (b.length != 16) {
            return literal;
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                s.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            s.append(Integer.toHexString(g[i])).append(i < 7 ? ":" : "");
        }
        return s.toString();
    }
}
