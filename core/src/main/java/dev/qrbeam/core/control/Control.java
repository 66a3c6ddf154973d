package dev.qrbeam.core.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The plaintext of an encrypted {@code Control} record (sealed with the session's {@code ControlCipher}). One DTO
 * for all kinds; {@code type} says which fields are set. See {@code README.md} for the exchange.
 *
 * @param type one of {@link ControlType}'s wire names
 * @param epoch sync round: the sender's {@code sync}/{@code manifest} carry it, the receiver's {@code resume} echoes it
 * @param index part number of a manifest split over several records
 * @param count number of manifest parts
 * @param data a manifest part (JSON text)
 * @param missing receiver's missing chunks as [start, end) pairs, ascending
 * @param truncated true if {@code missing} was cut short: every id after the last range is missing too
 * @param chunk the last chunk id the receiver got (window credit)
 * @param bytes bytes verified by the receiver so far
 * @param code a FailureCode name (failure, cancel)
 * @param message one human line
 * @param suite receiver's {@code resume}: the chunk record suite it wants for this session (a RecordSuite wire
 *     name, e.g. {@code chacha20-poly1305} from a browser); absent = AES-256-GCM
 * @param chunksize {@code receive} (a code-less receiver to the scanner that sends): the chunk size the scanner's
 *     manifest must use ({@link dev.qrbeam.protocol.chunk.ReceiveOffer})
 * @param pieces receiver's {@code resume}: the smallest piece (granule) it accepts, so the sender may send chunks in
 *     pieces ({@link dev.qrbeam.protocol.chunk.Pieces}); absent = whole chunks only. A {@code have} message carries
 *     the chunk id in {@code chunk} and the bitmap of granules held in {@code data}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Control(
        String type,
        Long epoch,
        Integer index,
        Integer count,
        String data,
        List<long[]> missing,
        Boolean truncated,
        Long chunk,
        Long bytes,
        String code,
        String message,
        String suite,
        Integer chunksize,
        Integer pieces) {

    public static Control of(ControlType type) {
        return new Control(type.wire(), null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Control sync(long epoch) {
        return new Control(
                ControlType.SYNC.wire(), epoch, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Control manifestPart(long epoch, int index, int count, String data) {
        return new Control(
                ControlType.MANIFEST.wire(),
                epoch,
                index,
                count,
                data,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public static Control resume(long epoch, List<long[]> missing, boolean truncated) {
        return resume(epoch, missing, truncated, null, null);
    }

    /**
     * A resume asking for the chunk record {@code suite} (a RecordSuite wire name; null = AES-256-GCM) and, when
     * {@code pieces} is not null, declaring the smallest piece this receiver accepts.
     */
    public static Control resume(long epoch, List<long[]> missing, boolean truncated, String suite, Integer pieces) {
        return new Control(
                ControlType.RESUME.wire(),
                epoch,
                null,
                null,
                null,
                missing,
                truncated,
                null,
                null,
                null,
                null,
                suite,
                null,
                pieces);
    }

    /** "I receive: send me your manifest, in chunks of {@code chunkSize}" (code-less receive, protocol-transfer §6b). */
    public static Control receive(int chunkSize) {
        return new Control(
                ControlType.RECEIVE.wire(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                chunkSize,
                null);
    }

    /** The URL path of a direct download of file {@code index} (sender to phone page). */
    public static Control direct(int index, String path) {
        return new Control(
                ControlType.DIRECT.wire(),
                null,
                index,
                null,
                path,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Receiver to sender: of chunk {@code chunk} it already holds the granules set in {@code have} (a hint). */
    public static Control have(long chunk, String have) {
        return new Control(
                ControlType.HAVE.wire(), null, null, null, have, null, null, chunk, null, null, null, null, null, null);
    }

    public static Control progress(long chunk, long bytes) {
        return new Control(
                ControlType.PROGRESS.wire(),
                null,
                null,
                null,
                null,
                null,
                null,
                chunk,
                bytes,
                null,
                null,
                null,
                null,
                null);
    }

    public static Control failure(ControlType type, String code, String message) {
        return new Control(
                type.wire(), null, null, null, null, null, null, null, null, code, message, null, null, null);
    }

    public ControlType kind() {
        return ControlType.fromWire(type);
    }
}
