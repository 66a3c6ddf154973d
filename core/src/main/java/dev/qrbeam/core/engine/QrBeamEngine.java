package dev.qrbeam.core.engine;

import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferEngine;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferListener;
import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.net.RaceTimings;
import dev.qrbeam.core.net.RouteRace;
import dev.qrbeam.core.progress.ProgressTracker;
import dev.qrbeam.core.receive.ReceiveSession;
import dev.qrbeam.core.receive.ShowCodeReceiveSession;
import dev.qrbeam.core.relay.InProcessWebSocket;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.relay.RelayClientOptions;
import dev.qrbeam.core.send.DirectOffers;
import dev.qrbeam.core.send.SendRoute;
import dev.qrbeam.core.send.SendSession;
import dev.qrbeam.core.send.SendSessionState;
import dev.qrbeam.core.session.SessionContext;
import dev.qrbeam.core.session.SessionThreads;
import dev.qrbeam.protocol.crypto.CryptoWarmup;
import dev.qrbeam.protocol.crypto.ReceiverGate;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.Candidate;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.protocol.pairing.PairingCodeException;
import dev.qrbeam.relay.core.RelayLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine: composition root for sessions. Sends connect to the configured relay or to an embedded one it
 * starts (LAN address, or 127.0.0.1 with the loopback switch); receives connect to the relay named in the code.
 * Each transfer gets its own relay connection and threads. Thread-safe.
 */
public final class QrBeamEngine implements TransferEngine {
    private final EngineConfig config;
    private final WireJson wire;
    private final SecureRandom random;
    private final List<AutoCloseable> open = new ArrayList<>();
    private EmbeddedRelay embedded;

    public QrBeamEngine(EngineConfig config, WireJson wire, SecureRandom random) {
        // with the loopback switch there is no LAN to offer: a configured internet relay is then used alone
        this.config = config.relay() == null && config.internetRelay() != null && config.loopback()
                ? config.withRelay(config.internetRelay()).withInternetRelay(null)
                : config;
        this.wire = wire;
        this.random = random;
        CryptoWarmup.start();
    }

    public EngineConfig config() {
        return config;
    }

    /** The embedded relay, if a send started one. */
    public synchronized EmbeddedRelay embeddedRelay() {
        return embedded;
    }

    @Override
    public SendHandle send(List<Path> sources, TransferListener listener) throws IOException {
        if (sources.isEmpty()) {
            throw new TransferException(FailureCode.IO, "nothing to send");
        }
        URI ws = relayFor(0);
        PeerLink link = new PeerLink(wire, null);
        RelayClient client = connect(ws, link, ownRelay(RelayClientOptions.defaults()));
        ownEmbedded(client);
        List<Candidate> alternates = lanAlternates(client);
        PeerLink internetLink = new PeerLink(wire, null);
        RelayClient internet = config.relay() == null && config.internetRelay() != null
                ? InternetRelay.register(this, config.internetRelay(), internetLink)
                : null;
        if (internet != null) {
            alternates.add(new Candidate(RelayAddress.baseOf(internet.uri()), internet.connectionId()));
        }
        PairingCode code = PairingCode.create(RelayAddress.baseOf(ws), client.connectionId(), alternates, random);
        SendSessionState saved = SendSessionState.create(config.stateDir(), client.connectionId());
        saved.putBytes("secret", code.secret());
        saved.put("relay", ws.toString());
        saved.put("embedded", Boolean.toString(config.relay() == null));
        saved.put("resumetoken", client.resumeToken());
        Instant created = Instant.now();
        saved.put("created", Long.toString(created.toEpochMilli()));
        saved.put("ttl", Long.toString(config.expiry().toMillis()));
        for (int i = 0; i < sources.size(); i++) {
            saved.put("source." + i, sources.get(i).toAbsolutePath().normalize().toString());
        }
        saved.save();
        ReceiverGate gate = new ReceiverGate(created, config.expiry());
        return startSend(
                link,
                client,
                code,
                gate,
                saved,
                sources,
                listener,
                internet == null ? null : new SecondRelay(internetLink, internet));
    }

    /** The built-in relay's further addresses for a code shown by {@code client} (none with a configured relay). */
    private List<Candidate> lanAlternates(RelayClient client) {
        List<Candidate> alternates = new ArrayList<>();
        EmbeddedRelay lan = embeddedRelay();
        if (config.relay() == null && lan != null) {
            lan.uris().stream()
                    .skip(1)
                    .forEach(u -> alternates.add(new Candidate(RelayAddress.baseOf(u), client.connectionId())));
        }
        return alternates;
    }

    /** The internet relay a send registered on besides its built-in relay. */
    record SecondRelay(PeerLink link, RelayClient client) {}

    /**
     * Continues a send after the sending process was killed: same code, same relay id (the relay must still know
     * it — with the embedded relay, the same port and key are reused), same files (refused if they changed).
     */
    @Override
    public SendHandle resumeSend(String pairingCode, TransferListener listener) throws IOException {
        PairingCode code = parse(pairingCode);
        SendSessionState saved = SendSessionState.load(config.stateDir(), code.senderId());
        if (saved == null || !MessageDigest.isEqual(code.secret(), saved.bytes("secret"))) {
            throw new TransferException(FailureCode.CODE_INVALID, "no interrupted send with this code on this machine");
        }
        URI ws = URI.create(saved.get("relay"));
        if (Boolean.parseBoolean(saved.get("embedded"))) {
            ws = relayFor(ws.getPort());
        }
        PeerLink link = new PeerLink(wire, null);
        RelayClient client = connect(
                ws,
                link,
                ownRelay(RelayClientOptions.defaults().withResume(code.senderId(), saved.get("resumetoken"))));
        if (!client.connectionId().equals(code.senderId())) {
            client.close();
            throw new TransferException(
                    FailureCode.RELAY_UNREACHABLE,
                    "the relay no longer knows this sender (it restarted without its key); start a new transfer");
        }
        ownEmbedded(client);
        ReceiverGate gate = ReceiverGate.restore(
                Instant.ofEpochMilli(Long.parseLong(saved.get("created"))),
                Duration.ofMillis(Long.parseLong(saved.get("ttl"))),
                saved.bytes("pairedtoken"));
        List<Path> sources = new ArrayList<>();
        for (int i = 0; saved.get("source." + i) != null; i++) {
            sources.add(Path.of(saved.get("source." + i)));
        }
        return startSend(link, client, code, gate, saved, sources, listener, null);
    }

    private SendHandle startSend(
            PeerLink link,
            RelayClient client,
            PairingCode code,
            ReceiverGate gate,
            SendSessionState saved,
            List<Path> sources,
            TransferListener listener,
            SecondRelay second) {
        SessionThreads threads = new SessionThreads("qrbeam-send", new ProgressTracker(listener));
        EngineConfig sessionConfig = second == null ? config : InternetRelay.chunkFitting(config, second.client());
        SessionContext ctx = new SessionContext(sessionConfig, wire, link, threads, () -> {
            client.close();
            if (second != null) {
                second.client().close();
            }
        });
        SendSession session = new SendSession(ctx, code, gate, random, saved, sources);
        EmbeddedRelay lan = config.relay() == null ? embeddedRelay() : null;
        if (lan != null) {
            session.directDownloads(new DirectOffers(lan.handle().downloads(), client));
        }
        link.handler(new SendRoute(session, code, client, true));
        if (second != null) {
            second.link()
                    .handler(new SendRoute(
                            session, code.routes().get(code.routes().size() - 1).identity(), second.client(), false));
        }
        register(ctx);
        session.start();
        return session;
    }

    @Override
    public TransferHandle receive(String pairingCode, Path destination, TransferListener listener) {
        ProgressTracker tracker = new ProgressTracker(listener);
        DeferredHandle handle = new DeferredHandle(tracker);
        PairingCode code;
        try {
            code = parse(pairingCode);
        } catch (TransferException e) {
            tracker.end(dev.qrbeam.core.api.TransferState.FAILED, e.toFailure());
            return handle;
        }
        SessionThreads.daemon(
                        () -> {
                            try {
                                RouteRace.Win<Dialed> win = race(code);
                                PeerLink link = win.connection().link();
                                SessionContext ctx = new SessionContext(
                                        config, wire, link, new SessionThreads("qrbeam-receive", tracker), () -> {});
                                ReceiveSession session;
                                try {
                                    session =
                                            new ReceiveSession(ctx, win.route().identity(), destination, random);
                                } catch (IOException | RuntimeException e) {
                                    ctx.close(); // the winner's connection and the session threads
                                    throw e;
                                }
                                link.handler(session);
                                register(ctx);
                                handle.attach(session);
                                session.start();
                            } catch (TransferException e) {
                                tracker.end(dev.qrbeam.core.api.TransferState.FAILED, e.toFailure());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                tracker.end(
                                        dev.qrbeam.core.api.TransferState.FAILED,
                                        new dev.qrbeam.core.api.TransferFailure(
                                                FailureCode.RELAY_UNREACHABLE, "interrupted"));
                            } catch (IOException e) {
                                tracker.end(
                                        dev.qrbeam.core.api.TransferState.FAILED,
                                        new dev.qrbeam.core.api.TransferFailure(FailureCode.IO, e.getMessage()));
                            }
                        },
                        "qrbeam-receive-start")
                .start();
        return handle;
    }

    /**
     * Shows a code and receives from its scanner (docs/protocol-transfer.md §6b): registers on the configured
     * relay or the built-in one (like {@link #send}, with the LAN candidates of the built-in relay in the code).
     */
    @Override
    public CodeHandle receiveShowingCode(Path destination, TransferListener listener) throws IOException {
        URI ws = relayFor(0);
        PeerLink link = new PeerLink(wire, null);
        RelayClient client = connect(ws, link, RelayClientOptions.defaults());
        ownEmbedded(client);
        List<Candidate> alternates = lanAlternates(client);
        PairingCode code = PairingCode.create(RelayAddress.baseOf(ws), client.connectionId(), alternates, random);
        SessionContext ctx = new SessionContext(
                config, wire, link, new SessionThreads("qrbeam-receive", new ProgressTracker(listener)), () -> {});
        ShowCodeReceiveSession session;
        try {
            session = ShowCodeReceiveSession.create(
                    ctx, code, new ReceiverGate(Instant.now(), config.expiry()), destination, random);
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        link.handler(session);
        // closing the engine (app quit, Ctrl-C) ends a code-less receive like Cancel: it can never be resumed, so its
        // .part files go (and the phone is told) before the connection closes
        ShowCodeReceiveSession started = session;
        register(() -> {
            if (!started.completion().isDone()) {
                started.cancel();
            }
            ctx.close();
        });
        session.start();
        return session;
    }

    /** A dialled route: the relay client and the link its events arrive on. */
    record Dialed(PeerLink link, RelayClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    /** Races every route of {@code code} (LAN addresses first, the internet relay after a head start). */
    private RouteRace.Win<Dialed> race(PairingCode code) throws TransferException, InterruptedException {
        RouteRace.Dialer<Dialed> dialer = (route, timeout) -> {
            PeerLink link = new PeerLink(wire, null);
            RelayClient client = RelayClient.connect(
                    route.webSocketUri(), link, RelayClientOptions.defaults().withConnectTimeout(timeout), wire);
            link.attach(client);
            return new Dialed(link, client);
        };
        return new RouteRace<>(code.routes(), dialer, RaceTimings.defaults()).run();
    }

    private static PairingCode parse(String text) throws TransferException {
        try {
            return PairingCode.parse(text);
        } catch (PairingCodeException e) {
            throw new TransferException(FailureCode.CODE_INVALID, e.getMessage(), e);
        }
    }

    RelayClient connect(URI ws, PeerLink link, RelayClientOptions options) throws TransferException {
        try {
            RelayClient client = RelayClient.connect(ws, link, options, wire);
            link.attach(client);
            return client;
        } catch (IOException e) {
            String why = e.getMessage() != null
                    ? e.getMessage()
                    : e instanceof java.net.ConnectException
                            ? "connection refused"
                            : e.getClass().getSimpleName();
            throw new TransferException(FailureCode.RELAY_UNREACHABLE, "cannot reach the relay " + ws + ": " + why, e);
        }
    }

    /** The configured relay, or the embedded one (started on first use, on {@code port} if not 0). */
    private synchronized URI relayFor(int port) throws IOException {
        if (config.relay() != null) {
            return RelayAddress.webSocketOf(config.relay());
        }
        if (embedded == null) {
            embedded = EmbeddedRelay.start(
                    config.loopback(), port, config.stateDir().resolve("relay.key"), RelayLimits.forSender());
            open.add(embedded);
        }
        return embedded.uri();
    }

    /**
     * The sender's connection to its own built-in relay is attached in-process ({@link InProcessWebSocket}): a chunk
     * goes from the sender's buffer to the receiver's connection without a loopback socket. Other relays, and the
     * built-in one with {@value #SOCKET_PROPERTY}{@code =true} (for comparison), use a WebSocket.
     */
    private synchronized RelayClientOptions ownRelay(RelayClientOptions options) {
        if (config.relay() != null || embedded == null || Boolean.getBoolean(SOCKET_PROPERTY)) {
            return options;
        }
        return options.withDialer(InProcessWebSocket.dialer(embedded.handle()));
    }

    /** System property: the sender talks to its built-in relay over a loopback WebSocket, as before issue 14. */
    public static final String SOCKET_PROPERTY = "qrbeam.sender.socket";

    /** The embedded relay routes only to and from its own sender's connections (strangers cannot use it). */
    private synchronized void ownEmbedded(RelayClient client) {
        if (embedded != null && config.relay() == null) {
            embedded.handle().addOwner(client.connectionId());
        }
    }

    private synchronized void register(AutoCloseable c) {
        open.add(0, c);
    }

    /** Closes every session's connection and the embedded relay. */
    @Override
    public synchronized void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        open.clear();
        embedded = null;
    }
}
