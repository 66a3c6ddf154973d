package dev.qrbeam.protocol.pairing;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact form of a version-2 code's candidates: {@code ~}-separated tokens after the secret in the fragment.
 *
 * <pre>
 *   4&lt;6 base64url chars&gt;    IPv4 address (4 bytes) of the primary relay: same scheme, port and stage
 *   6&lt;22 base64url chars&gt;   IPv6 address (16 bytes) of the primary relay
 *   r&lt;sender id&gt;&lt;host[:port][/stage]&gt;   another relay over https/wss, the sender's id there
 *   p&lt;sender id&gt;&lt;host[:port][/stage]&gt;   the same over plain http/ws (LAN relays, tests)
 * </pre>
 *
 * The brackets of an IPv6 host in an {@code r}/{@code p} token are percent-encoded ({@code %5B}, {@code %5D}):
 * a fragment may not contain them.
 * Tokens starting with any other character are ignored (room for later kinds of candidates).
 */
final class CandidateTokens {
    static final char SEPARATOR = '~';
    private static final int ID_CHARS = 22;

    private CandidateTokens() {}

    /** The token of {@code c} relative to {@code primaryBase}/{@code primaryId}. */
    static String encode(Candidate c, URI primaryBase, String primaryId) {
        URI b = c.relayBase();
        boolean sameRelay = c.senderId().equals(primaryId)
                && b.getScheme().equals(primaryBase.getScheme())
                && b.getPort() == primaryBase.getPort()
                && b.getRawPath().equals(primaryBase.getRawPath());
        byte[] literal = sameRelay ? literal(b.getHost()) : null;
        if (literal != null) {
            return (literal.length == 4 ? "4" : "6") + Base64Url.encode(literal);
        }
        String authority = b.getRawAuthority().replace("[", "%5B").replace("]", "%5D");
        return (b.getScheme().equals("https") ? "r" : "p") + c.senderId() + authority + b.getRawPath();
    }

    /** Parses one token; null for an unknown kind. */
    static Candidate decode(String token, URI primaryBase, String primaryId) {
        if (token.isEmpty()) {
            throw RelayBase.malformed("A pairing code candidate is empty");
        }
        String rest = token.substring(1);
        switch (token.charAt(0)) {
            case '4', '6' -> {
                byte[] addr = Base64Url.decodeOrNull(rest);
                if (addr == null || addr.length != (token.charAt(0) == '4' ? 4 : 16)) {
                    throw RelayBase.malformed("A pairing code candidate address is not valid");
                }
                return new Candidate(RelayBase.withHost(primaryBase, hostOf(addr)), primaryId);
            }
            case 'r', 'p' -> {
                if (rest.length() <= ID_CHARS) {
                    throw RelayBase.malformed("A pairing code relay candidate is too short");
                }
                String scheme = token.charAt(0) == 'r' ? "https" : "http";
                String where = rest.substring(ID_CHARS).replace("%5B", "[").replace("%5D", "]");
                URI base;
                try {
                    base = new URI(scheme + "://" + where);
                } catch (java.net.URISyntaxException e) {
                    throw RelayBase.malformed("A pairing code relay candidate is not a valid address");
                }
                return new Candidate(base, rest.substring(0, ID_CHARS));
            }
            default -> {
                return null;
            }
        }
    }

    /** Splits the fragment's candidate part (after the secret and its separator). */
    static List<Candidate> decodeAll(String tokens, URI primaryBase, String primaryId, int max) {
        List<Candidate> out = new ArrayList<>();
        for (String t : tokens.split(String.valueOf(SEPARATOR), -1)) {
            Candidate c = decode(t, primaryBase, primaryId);
            if (c != null && out.size() < max) {
                out.add(c);
            }
        }
        return out;
    }

    private static byte[] literal(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean ipv4 = h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        if (!ipv4 && !h.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(h).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String hostOf(byte[] addr) {
        try {
            InetAddress a = InetAddress.getByAddress(addr);
            return a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        } catch (UnknownHostException e) {
            throw RelayBase.malformed("A pairing code candidate address is not valid");
        }
    }
}
