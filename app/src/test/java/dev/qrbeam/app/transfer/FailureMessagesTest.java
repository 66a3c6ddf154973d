package dev.qrbeam.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferFailure;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {
    private final Messages messages = new Messages(Locale.ENGLISH);
    private final FailureMessages failures = new FailureMessages(messages);

    @Test
    void everyFailureCodeHasItsOwnHumanSentence() {
        String fallback = messages.get("failure.unknown");
        for (FailureCode code : FailureCode.values()) {
            assertThat(failures.describe(code))
                    .as(code.name())
                    .isNotEqualTo(fallback)
                    .doesNotContain("!")
                    .endsWith(".");
        }
    }

    @Test
    void theSentencesUsersMostOftenMeetSayWhatHappened() {
        assertThat(failures.describe(new TransferFailure(FailureCode.CODE_EXPIRED, "x")))
                .contains("expired");
        assertThat(failures.describe(new TransferFailure(FailureCode.RELAY_UNREACHABLE, "x")))
                .contains("can't be reached");
        assertThat(failures.describe(new TransferFailure(FailureCode.DISK_FULL, "x")))
                .contains("disk is full");
        assertThat(failures.describe(new TransferFailure(FailureCode.CANCELLED_BY_PEER, "x")))
                .contains("cancelled");
        assertThat(failures.describe((TransferFailure) null)).isEqualTo(messages.get("failure.unknown"));
    }

    @Test
    void onlyInterruptionsAreResumable() {
        assertThat(FailureMessages.resumable(FailureCode.PEER_GONE)).isTrue();
        assertThat(FailureMessages.resumable(FailureCode.DISK_FULL)).isTrue();
        assertThat(FailureMessages.resumable(FailureCode.CODE_EXPIRED)).isFalse();
        assertThat(FailureMessages.resumable(FailureCode.INTEGRITY)).isFalse();
    }
}
