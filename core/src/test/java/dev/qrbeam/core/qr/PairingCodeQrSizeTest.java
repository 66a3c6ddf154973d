package dev.qrbeam.core.qr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.protocol.pairing.Candidate;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The QR version of real-looking codes with 1, 2 and 4 candidates (printed; docs/protocol-transfer.md §1 lists
 * them). Webcams read up to about version 10 at arm's length; each candidate must stay a few characters.
 */
class PairingCodeQrSizeTest {
    private static final String ID = "q2Xh0bE1Z3lWn4Tt9k8Y0A";
    private static final String RELAY_ID = "Zz9bE1Z3lWn4Tt9k8Y0AqA";
    private static final URI LAN = URI.create("http://192.168.178.23:40125");

    private static String code(int candidates, URI internet) {
        List<Candidate> all = List.of(
                new Candidate(URI.create("http://172.17.0.1:40125"), ID),
                new Candidate(URI.create("http://[2a02:8108:1a40:3c00:5e2f:41ff:fe3a:7b19]:40125"), ID),
                new Candidate(internet, RELAY_ID));
        List<Candidate> alternates = new ArrayList<>(all.subList(0, candidates - 1));
        if (candidates == 4) {
            alternates.set(2, all.get(2));
        }
        return PairingCode.create(LAN, ID, alternates, new SecureRandom()).format();
    }

    @Test
    void fourCandidatesStayWithinVersion10() {
        URI selfHosted = URI.create("https://relay.example.org");
        URI aws = URI.create("https://9mxi3j1vqd.execute-api.eu-west-1.amazonaws.com/dev");
        int one = QrCodes.version(code(1, selfHosted));
        int two = QrCodes.version(code(2, selfHosted));
        int four = QrCodes.version(code(4, selfHosted));
        int fourAws = QrCodes.version(code(4, aws));
        System.out.printf(
                "QR versions (EC M): 1 candidate v%d (%d chars), 2 v%d (%d), 4 v%d (%d), 4 with AWS v%d (%d)%n",
                one,
                code(1, selfHosted).length(),
                two,
                code(2, selfHosted).length(),
                four,
                code(4, selfHosted).length(),
                fourAws,
                code(4, aws).length());
        assertThat(one).isEqualTo(6);
        assertThat(two).isLessThanOrEqualTo(7);
        assertThat(four).isLessThanOrEqualTo(9);
        assertThat(fourAws).isLessThanOrEqualTo(10);
    }
}
