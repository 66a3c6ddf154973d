package dev.qrbeam.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.CharBuffer;
import org.junit.jupiter.api.Test;

/** Text reassembly: every kind of part the JDK may hand over gives the same whole text, and the bound holds. */
class MessageAssemblerTest {
    private final MessageAssembler assembler = new MessageAssembler(1 << 20);

    @Test
    void arrayBackedReadOnlyAndStringPartsAssembleToTheSameText() throws IOException {
        CharBuffer heap = CharBuffer.wrap("xx{\"a\":\"é€".toCharArray()).position(2);
        CharBuffer readOnly = CharBuffer.wrap("bc\",\"n\":1".toCharArray()).asReadOnlyBuffer();
        assertThat(assembler.text(heap, false)).isNull();
        assertThat(assembler.text(readOnly, false)).isNull();
        assertThat(assembler.text("}", true)).isEqualTo("{\"a\":\"é€bc\",\"n\":1}");
        assertThat(assembler.text(CharBuffer.wrap("next"), true)).isEqualTo("next");
    }

    @Test
    void aTextOverTheBoundIsRefusedBeforeItIsBuffered() throws IOException {
        MessageAssembler small = new MessageAssembler(10);
        small.text(CharBuffer.wrap("123456".toCharArray()), false);
        assertThatThrownBy(() -> small.text(CharBuffer.wrap("78901".toCharArray()), false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("over 10 bytes");
    }

    @Test
    void aBinaryMessageOverItsOwnBoundIsRefusedWhileTextKeepsItsBound() throws IOException {
        MessageAssembler split = new MessageAssembler(100, 10);
        split.binary(java.nio.ByteBuffer.allocate(6), false);
        assertThatThrownBy(() -> split.binary(java.nio.ByteBuffer.allocate(5), false))
                .isInstanceOf(IOException.class)
                .hasMessage("relay sent a binary message over 10 bytes");
        assertThat(split.text("x".repeat(100), true)).hasSize(100);
        assertThatThrownBy(() -> split.text("x".repeat(101), true))
                .hasMessage("relay sent a text message over 100 bytes");
    }
}
