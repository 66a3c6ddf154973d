package dev.qrbeam.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolPairingCodeCheckTest {

    @Test
    void realPairingCodesAreAccepted() {
        assertThat(ProtocolPairingCodeCheck.isPairingCode(TestCodes.pairingCode(1)))
                .isTrue();
    }

    @Test
    void aCodeOfANewerVersionIsStillOursSoTheReceiveViewCanExplainIt() {
        String v9 = TestCodes.pairingCode(2).replace("/r/1/", "/r/9/");
        assertThat(ProtocolPairingCodeCheck.isPairingCode(v9)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/menu?table=12",
                "WIFI:S:home;T:WPA;P:secret;;",
                "hello",
                "http://127.0.0.1:8080/r/1/short#abc",
                "ftp://127.0.0.1/r/1/AAAAAAAAAAAAAAAAAAAAAA#x",
                ""
            })
    void otherQrTextIsNotOurs(String text) {
        assertThat(ProtocolPairingCodeCheck.isPairingCode(text)).isFalse();
    }
}
