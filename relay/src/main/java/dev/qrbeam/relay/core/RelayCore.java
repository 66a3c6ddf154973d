package dev.qrbeam.relay.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.protocol.frame.TransferFrameHeader;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.json.WireMessage;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.ConnectReply;
import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.protocol.message.Fields;
import dev.qrbeam.protocol.message.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's rules, independent of any transport: ids, Connect/resume, routing with the sender stamped in,
 * validation, Request rate limits, error replies and counters. Thread-safe; transports call the {@code on...}
 * methods from any thread.
 * <p>
 * Routing rule: a routed action (see {@link Action#isRouted()}) from X naming {@code message.connectionid = Y}
 * is delivered to Y with {@code message.connectionid = X} and every other field untouched. Errors go to the
 * sender only; the connection stays usable.
 */
public final class RelayCore {
    private static final Logger LOG = LoggerFactory.getLogger(RelayCore.class);

    private final RelayLimits limits;
    private final ConnectionRegistry registry;
    private final ResumeTokens tokens;
    private final Supplier<String> ids;
    private final RateLimiter logLimiter = new TokenBucketRateLimiter(20, 50);
    private final RequestLimits requests;
    private final WireJson json;
    private final RelayCounters counters;
    private final TextTransferSplicer splicer;
    /**
     * Owner-only routing ({@link RelayLimits#ownerOnly}): null = route between any connections; else one end of every
     * route must be in here (with no owner yet, nothing is routed).
     */
    private final Set<String> owners;

    /** Spare bytes a transport leaves after a message given to {@link #onTextOwned} (room for a longer sender id). */
    public static final int TEXT_SPARE = 64;

    /**
     * A core without a shared per-target Request cap (a stateless transport, e.g. AWS, where "first Request of this
     * connection" cannot be remembered).
     *
     * @param ids source of new connection ids (normally {@link ConnectionIds}; a transport with its own ids,
     *            e.g. API Gateway, may supply another)
     * @param perPair Request limiter keyed by (sending connection, target)
     */
    public RelayCore(
            RelayLimits limits,
            ConnectionRegistry registry,
            ResumeTokens tokens,
            Supplier<String> ids,
            RateLimiter perSource,
            RateLimiter perPair,
            WireJson json,
            RelayCounters counters) {
        this(limits, registry, tokens, ids, perSource, perPair, null, json, counters);
    }

    /**
     * @param sharedTarget Request limiter keyed by target, shared by all sources; a connection's first Request never
     *                     counts against it, so a flood from other connections cannot starve a new receiver (null:
     *                     none)
     */
    public RelayCore(
            RelayLimits limits,
            ConnectionRegistry registry,
            ResumeTokens tokens,
            Supplier<String> ids,
            RateLimiter perSource,
            RateLimiter perPair,
            RateLimiter sharedTarget,
            WireJson json,
            RelayCounters counters) {
        this.limits = limits;
        this.registry = registry;
        this.tokens = tokens;
        this.ids = ids;
        this.requests = new RequestLimits(perSource, perPair, sharedTarget);
        this.json = json;
        this.counters = counters;
        this.splicer = new TextTransferSplicer(json);
        this.owners = limits.ownerOnly() ? ConcurrentHashMap.newKeySet() : null;
    }

    /** A core with in-memory state and token-bucket Request limits from {@code limits}. */
    public static RelayCore inMemory(RelayLimits limits, ResumeTokens tokens, WireJson json, RelayCounters counters) {
        int f = RelayLimits.SHARED_TARGET_FACTOR;
        return new RelayCore(
                limits,
                new InMemoryConnectionRegistry(),
                tokens,
                new ConnectionIds(),
                new TokenBucketRateLimiter(limits.requestsPerSecondPerSource(), limits.requestBurstPerSource()),
                new TokenBucketRateLimiter(limits.requestsPerSecondPerTarget(), limits.requestBurstPerTarget()),
                new TokenBucketRateLimiter(f * limits.requestsPerSecondPerTarget(), f * limits.requestBurstPerTarget()),
                json,
                counters);
    }

    /** Adds a connection id that may route to anyone and be routed to (owner-only relays, see {@link RelayLimits}). */
    public void addOwner(String connectionId) {
        Set<String> o = owners;
        if (o == null) {
            throw new IllegalStateException("not an owner-only relay");
        }
        o.add(connectionId);
    }

    public RelayCounters counters() {
        return counters;
    }

    public RelayLimits limits() {
        return limits;
    }

    /** A new connection is open: gives it a fresh id (usable as a target at once). */
    public void onConnect(Session session) {
        String id = ids.get();
        session.assignId(id);
        registry.bind(id, session);
        counters.opened();
        LOG.info("connect {} from {}", id, session.remoteAddress());
    }

    /** The connection is closed (by either side). */
    public void onClose(Session session) {
        String id = session.id();
        if (id == null) {
            return;
        }
        registry.unbind(id, session);
        requests.closed(session);
        counters.closed();
        LOG.info("disconnect {}", id);
    }

    /**
     * Handles one complete text message given as UTF-8 bytes (validated strictly).
     *
     * @return the session the message was delivered to, or null (answered or refused)
     */
    public Session onText(Session from, ByteBuffer utf8) {
        int size = utf8.remaining();
        try {
            if (utf8.hasArray()) {
                byte[] bytes = utf8.array();
                int off = utf8.arrayOffset() + utf8.position();
                TextTransferSplicer.Splice splice = splice(from, bytes, off, size);
                if (splice != null) {
                    return forward(
                            from,
                            target(from, splice.targetId()),
                            size,
                            Splicing.copyStamped(bytes, off, size, splice, from.id()));
                }
                return route(from, parse(() -> json.parse(bytes, off, size)), size);
            }
            byte[] owned = new byte[size + TEXT_SPARE];
            utf8.duplicate().get(owned, 0, size);
            return onTextOwned(from, owned, size);
        } catch (ProtocolException e) {
            reject(from, e);
            return null;
        }
    }

    /**
     * Handles one complete text message in {@code bytes[0, size)} that the transport hands over: the core may
     * change the array and pass it on to the target's session. With {@link #TEXT_SPARE} spare bytes after the
     * message, a Transfer is stamped in place (its only copy being the transport's own copy into the array).
     *
     * @return the session the message was delivered to, or null (answered or refused)
     */
    public Session onTextOwned(Session from, byte[] bytes, int size) {
        try {
            TextTransferSplicer.Splice splice = splice(from, bytes, 0, size);
            if (splice != null) {
                String sender = from.id();
                Session target = target(from, splice.targetId());
                boolean fits = bytes.length - size >= sender.length() - (splice.end() - splice.start());
                return forward(
                        from,
                        target,
                        size,
                        fits
                                ? Splicing.stampInPlace(bytes, size, splice, sender)
                                : Splicing.copyStamped(bytes, 0, size, splice, sender));
            }
            return route(from, parse(() -> json.parse(bytes, 0, size)), size);
        } catch (ProtocolException e) {
            reject(from, e);
            return null;
        }
    }

    /** Whether a text Transfer from {@code from} may take the splice path (its id can be written as is). */
    private static boolean stampable(Session from) {
        String sender = from.id();
        return sender != null && TextTransferSplicer.plainId(sender);
    }

    /** The splice of a text Transfer in {@code b[off, off+len)}, or null when the tree path must handle it. */
    private TextTransferSplicer.Splice splice(Session from, byte[] b, int off, int len) {
        return stampable(from) ? splicer.find(b, off, len) : null;
    }

    private Session forward(Session from, Session target, int size, Splicing.Out out) {
        counters.forwarded(size, false);
        target.sendTextUtf8(out.bytes(), 0, out.length());
        return target;
    }

    /**
     * Handles one complete text message (the AWS adapter's entry). A Transfer the splice path accepts is stamped
     * in its UTF-8 bytes; anything else, and every refusal, takes the tree path over the String as before.
     *
     * @return the session delivered to, or null
     */
    public Session onText(Session from, String text) {
        try {
            byte[] utf8 = stampable(from) ? TextTransferSplicer.utf8(text) : null;
            TextTransferSplicer.Splice splice = utf8 == null ? null : splice(from, utf8, 0, utf8.length);
            if (splice != null) {
                Session target = target(from, splice.targetId());
                return forward(
                        from, target, text.length(), Splicing.copyStamped(utf8, 0, utf8.length, splice, from.id()));
            }
            return route(from, parse(() -> json.parse(text)), text.length());
        } catch (ProtocolException e) {
            reject(from, e);
            return null;
        }
    }

    /**
     * Handles one complete binary message (the binary Transfer frame). The caller keeps ownership of
     * {@code message}. @return the session delivered to, or null
     */
    public Session onBinary(Session from, BinaryMessage message) {
        try {
            TransferFrameHeader h = TransferFrameCodec.decodeHeader(message.head(TransferFrameCodec.MAX_HEADER_LENGTH));
            Session target = target(from, h.connectionId());
            byte[] sender = from.id().getBytes(StandardCharsets.US_ASCII);
            BinaryMessage out = message;
            if (sender.length == h.connectionId().length()) {
                message.overwrite(TransferFrameHeader.ID_OFFSET, sender);
            } else {
                out = message.replacePrefix(
                        TransferFrameHeader.ID_OFFSET + h.connectionId().length(), prefix(sender));
            }
            counters.forwarded(message.length(), true);
            try {
                target.sendBinary(out);
            } finally {
                if (out != message) {
                    out.release();
                }
            }
            return target;
        } catch (ProtocolException e) {
            reject(from, e);
            return null;
        } catch (RuntimeException e) {
            LOG.error("internal error on binary message from {}", from.id(), e);
            reject(from, new ProtocolException(ErrorCode.INTERNAL, "internal relay error"));
            return null;
        }
    }

    private static byte[] prefix(byte[] id) {
        byte[] p = new byte[TransferFrameHeader.ID_OFFSET + id.length];
        p[0] = TransferFrameCodec.MAGIC_0;
        p[1] = TransferFrameCodec.MAGIC_1;
        p[2] = TransferFrameCodec.VERSION;
        p[3] = TransferFrameCodec.KIND_TRANSFER;
        p[4] = (byte) id.length;
        System.arraycopy(id, 0, p, TransferFrameHeader.ID_OFFSET, id.length);
        return p;
    }

    private WireMessage parse(Supplier<WireMessage> parser) {
        try {
            return parser.get();
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("internal error parsing a message", e);
            throw new ProtocolException(ErrorCode.INTERNAL, "internal relay error");
        }
    }

    private Session route(Session from, WireMessage m, int size) {
        if (m.action() == Action.CONNECT) {
            connect(from, m.body());
            return null;
        }
        String targetId = m.connectionId();
        if (m.action() == Action.REQUEST) {
            requests.check(from, targetId);
        }
        Session target = target(from, targetId);
        m.body().put(Fields.CONNECTION_ID, from.id());
        byte[] out = json.writeBytes(m.root());
        counters.forwarded(size, false);
        target.sendTextUtf8(out);
        return target;
    }

    private Session target(Session from, String targetId) {
        Set<String> o = owners;
        if (o != null && !o.contains(from.id()) && !o.contains(targetId)) {
            // to a stranger, other strangers do not exist here
            throw new ProtocolException(ErrorCode.UNKNOWN_TARGET, "this relay only routes to and from its own sender");
        }
        Session target = registry.find(targetId);
        if (target == null) {
            if (registry.recentlyGone(targetId)) {
                throw new ProtocolException(ErrorCode.PEER_GONE, "connection " + targetId + " has gone away");
            }
            throw new ProtocolException(ErrorCode.UNKNOWN_TARGET, "no connection with that connectionid");
        }
        return target;
    }

    private void connect(Session from, ObjectNode body) {
        String clientKey = body != null && body.hasNonNull(Fields.RESUME_KEY)
                ? body.get(Fields.RESUME_KEY).textValue()
                : null;
        if (body != null && body.has(Fields.CONNECTION_ID)) {
            String id = body.get(Fields.CONNECTION_ID).textValue();
            String token = body.get(Fields.RESUME_TOKEN).textValue();
            boolean valid = body.has(Fields.RESUME_PROOF)
                    ? tokens.verifyBound(
                            id,
                            clientKey,
                            token,
                            from.id(),
                            body.get(Fields.RESUME_PROOF).textValue())
                    : tokens.verify(id, token);
            resume(from, id, valid);
        }
        String id = from.id();
        ConnectReply reply = clientKey == null
                ? new ConnectReply(id, tokens.token(id), limits.advertised())
                : new ConnectReply(id, tokens.boundToken(id, clientKey), limits.advertised(), tokens.relayKey());
        from.sendText(json.envelope(Action.CONNECT, reply));
    }

    private void resume(Session from, String id, boolean valid) {
        if (!valid) {
            throw new ProtocolException(ErrorCode.BAD_RESUME, "resume token does not match connectionid");
        }
        String previous = from.id();
        if (id.equals(previous)) {
            return;
        }
        Session stale = registry.bind(id, from);
        from.assignId(id);
        registry.unbind(previous, from);
        LOG.info("resume {} (was {})", id, previous);
        if (stale != null && stale != from) {
            counters.closedBy("resumed");
            stale.close(CloseCodes.RESUMED_ELSEWHERE, "connection id resumed by another connection");
        }
    }

    private void reject(Session from, ProtocolException e) {
        counters.error(e.code());
        if (logLimiter.tryAcquire("errors")) {
            LOG.info("error {} to {}: {}", e.code(), from.id(), e.getMessage());
        } else {
            LOG.debug("error {} to {}: {}", e.code(), from.id(), e.getMessage());
        }
        from.sendText(json.error(e.code(), e.getMessage()));
    }
}
