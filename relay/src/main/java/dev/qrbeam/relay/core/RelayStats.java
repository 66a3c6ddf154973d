package dev.qrbeam.relay.core;

import java.util.Map;

/**
 * A snapshot of the relay's counters.
 *
 * @param openConnections   connections currently open
 * @param totalConnections  connections accepted since start
 * @param rejectedConnections connections refused by the per-address limit
 * @param messagesForwarded routed messages delivered (text + binary)
 * @param bytesForwarded    payload bytes of routed messages
 * @param binaryForwarded   routed binary messages
 * @param errorsByCode      Error replies sent, by code string
 * @param closedByReason    relay-initiated closes, by reason (too-big, slow-reader, idle, resumed, binary-refused,
 *                          budget, upgrade-timeout)
 * @param queuedBytes       bytes currently queued towards all clients (Netty transport)
 * @param peakQueuedBytes   the highest {@code queuedBytes} seen since start
 */
public record RelayStats(
        long openConnections,
        long totalConnections,
        long rejectedConnections,
        long messagesForwarded,
        long bytesForwarded,
        long binaryForwarded,
        Map<String, Long> errorsByCode,
        Map<String, Long> closedByReason,
        long queuedBytes,
        long peakQueuedBytes) {

    public long errors(String code) {
        return errorsByCode.getOrDefault(code, 0L);
    }

    public long closed(String reason) {
        return closedByReason.getOrDefault(reason, 0L);
    }
}
