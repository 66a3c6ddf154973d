package dev.qrbeam.relay.netty;

import io.netty.buffer.ByteBuf;

/** One complete (reassembled) WebSocket data message. The receiver releases {@code content}. */
record InboundMessage(boolean text, ByteBuf content) {}
