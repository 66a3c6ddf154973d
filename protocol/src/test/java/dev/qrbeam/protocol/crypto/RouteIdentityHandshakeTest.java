package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.pairing.Candidate;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.protocol.pairing.Route;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prologue binds a route's identity, never the address dialled: a receiver that reached the built-in relay
 * through another of its addresses agrees with the sender's code; the internet relay binds its own base and id.
 */
class RouteIdentityHandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID = "q2Xh0bE1Z3lWn4Tt9k8Y0A";
    private static final String RELAY_ID = "Zz9bE1Z3lWn4Tt9k8Y0AqA";
    private static final String RECEIVER = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final PairingCode CODE = PairingCode.create(
            URI.create("http://10.77.0.1:40125"),
            ID,
            List.of(
                    new Candidate(URI.create("http://[fd00:77::1]:40125"), ID),
                    new Candidate(URI.create("https://relay.example.org"), RELAY_ID)),
            RANDOM);

    private static void pair(PairingCode receiverSide, PairingCode senderSide) throws HandshakeException {
        Handshake receiver = Handshake.initiator(receiverSide, RECEIVER, ClaimMode.NEW, RANDOM);
        Handshake sender = Handshake.responder(senderSide, RECEIVER, RANDOM);
        sender.readMessage1(receiver.writeMessage1());
        receiver.readMessage2(sender.writeMessage2());
        assertThat(receiver.split().handshakeHash()).isEqualTo(sender.split().handshakeHash());
    }

    @Test
    void anotherAddressOfTheSameRelayAgreesWithTheCodesPrimaryIdentity() throws Exception {
        Route viaIpv6 = PairingCode.parse(CODE.format()).routes().get(1);
        assertThat(viaIpv6.webSocketUri()).isEqualTo(URI.create("ws://[fd00:77::1]:40125/"));
        pair(viaIpv6.identity(), CODE);
    }

    @Test
    void theInternetRelayBindsItsOwnBaseAndSenderId() throws Exception {
        Route internet = PairingCode.parse(CODE.format()).routes().get(2);
        pair(internet.identity(), CODE.routes().get(2).identity());
        assertThatThrownBy(() -> pair(internet.identity(), CODE)).isInstanceOf(HandshakeException.class);
    }
}
