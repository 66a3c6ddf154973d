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
        return new Draft(type).build();
    }

    public static Control sync(long epoch) {
        Draft d = new Draft(ControlType.SYNC);
        d.epoch = epoch;
        return d.build();
    }

    public static Control manifestPart(long epoch, int index, int count, String data) {
        Draft d = new Draft(ControlType.MANIFEST);
        d.epoch = epoch;
        d.index = index;
        d.count = count;
        d.data = data;
        return d.build();
    }

    public static Control resume(long epoch, List<long[]> missing, boolean truncated) {
        return resume(epoch, missing, truncated, null, null);
    }

    /**
     * A resume asking for the chunk record {@code suite} (a RecordSuite wire name; null = AES-256-GCM) and, when
     * {@code pieces} is not null, declaring the smallest piece this receiver accepts.
     */
    public static Control resume(long epoch, List<long[]> missing, boolean truncated, String suite, Integer pieces) {
        Draft d = new Draft(ControlType.RESUME);
        d.epoch = epoch;
        d.missing = missing;
        d.truncated = truncated;
        d.suite = suite;
        d.pieces = pieces;
        return d.build();
    }

    /** "I receive: send me your manifest, in chunks of {@code chunkSize}" (code-less receive, protocol-transfer §6b). */
    public static Control receive(int chunkSize) {
        Draft d = new Draft(ControlType.RECEIVE);
        d.chunksize = chunkSize;
        return d.build();
    }

    /** The URL path of a direct download of file {@code index} (sender to phone page). */
    public static Control direct(int index, String path) {
        Draft d = new Draft(ControlType.DIRECT);
        d.index = index;
        d.data = path;
        return d.build();
    }

    /** Receiver to sender: of chunk {@code chunk} it already holds the granules set in {@code have} (a hint). */
    public static Control have(long chunk, String have) {
        Draft d = new Draft(ControlType.HAVE);
        d.chunk = chunk;
        d.data = have;
        return d.build();
    }

    public static Control progress(long chunk, long bytes) {
        Draft d = new Draft(ControlType.PROGRESS);
        d.chunk = chunk;
        d.bytes = bytes;
        return d.build();
    }

    public static Control failure(ControlType type, String code, String message) {
        Draft d = new Draft(type);
        d.code = code;
        d.message = message;
        return d.build();
    }

    public ControlType kind() {
        return ControlType.fromWire(type);
    }

    /** A message being filled in by one factory: each sets only its kind's fields (the rest stay absent). */
    private static final class Draft {
        private final String type;
        private Long epoch;
        private Integer index;
        private Integer count;
        private String data;
        private List<long[]> missing;
        private Boolean truncated;
        private Long chunk;
        private Long bytes;
        private String code;
        private String message;
        private String suite;
        private Integer chunksize;
        private Integer pieces;

        Draft(ControlType type) {
            this.type = type.wire();
        }

        Control build() {
            return new Control(
                    type, epoch, index, count, data, missing, truncated, chunk, bytes, code, message, suite, chunksize,
                    pieces);
        }
    }
}
