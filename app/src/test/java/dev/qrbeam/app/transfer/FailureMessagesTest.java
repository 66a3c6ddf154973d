package dev.qrbeam.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.app.i18n.Messages;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferFailure;
import java.util.List;
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

    /** Review finding: a phone receive nobody scanned said "Ask the sender for a new one" to the one showing it. */
    @Test
    void aReceiveFromAPhoneIsNotToldToAskTheSenderOrToResumeFromHistory() {
        for (FailureCode code : List.of(
                FailureCode.CODE_EXPIRED,
                FailureCode.PEER_GONE,
                FailureCode.DISK_FULL,
                FailureCode.RETRIES_EXHAUSTED,
                FailureCode.CANCELLED_BY_PEER,
                FailureCode.PEER_FAILED)) {
            assertThat(failures.shown("phone", new TransferFailure(code, "x")).sentence())
                    .as(code.name())
                    .doesNotContain("sender")
                    .doesNotContain("History")
                    .doesNotContain("other computer")
                    .endsWith(".");
        }
        assertThat(failures.shown("phone", new TransferFailure(FailureCode.CODE_EXPIRED, "x"))
                        .sentence())
                .contains("Receive from a phone");
        assertThat(failures.shown("receive", new TransferFailure(FailureCode.CODE_EXPIRED, "x"))
                        .sentence())
                .contains("Ask the sender");
        assertThat(failures.shown("phone", new TransferFailure(FailureCode.INTEGRITY, "x"))
                        .sentence())
                .isEqualTo(failures.describe(FailureCode.INTEGRITY));
    }

    @Test
    void onlyInterruptionsAreResumable() {
        assertThat(FailureMessages.resumable(FailureCode.PEER_GONE)).isTrue();
        assertThat(FailureMessages.resumable(FailureCode.DISK_FULL)).isTrue();
        assertThat(FailureMessages.resumable(FailureCode.CODE_EXPIRED)).isFalse();
        assertThat(FailureMessages.resumable(FailureCode.INTEGRITY)).isFalse();
    }
}
