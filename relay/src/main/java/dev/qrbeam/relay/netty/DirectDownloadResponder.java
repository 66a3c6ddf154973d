package dev.qrbeam.relay.netty;

import dev.qrbeam.relay.core.DirectDownloads;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code GET/HEAD /d/<token>} from {@link DirectDownloads}: 200 with the whole file or 206 for one
 * {@code bytes=a-b} range, a strong ETag (the SHA-256 from the manifest), 412 when {@code If-Match} names another
 * ETag, 416 for an unsatisfiable range, 404 for unknown or used-up tokens and 409 when the file changed on disk
 * since it was offered. The file streams from disk (a {@link ChunkedWriteHandler} is added for this response).
 */
final class DirectDownloadResponder {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    private final DirectDownloads downloads;

    DirectDownloadResponder(DirectDownloads downloads) {
        this.downloads = downloads;
    }

    static boolean isDownload(String uri) {
        return uri.startsWith(DirectDownloads.PREFIX);
    }

    void respond(ChannelHandlerContext ctx, FullHttpRequest req) {
        String raw = req.uri().substring(DirectDownloads.PREFIX.length());
        int q = raw.indexOf('?');
        String token = q >= 0 ? raw.substring(0, q) : raw;
        DirectDownloads.Offer o = downloads.find(token);
        boolean head = req.method().equals(HttpMethod.HEAD);
        if (!head && !req.method().equals(HttpMethod.GET)) {
            plain(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n");
            return;
        }
        if (o == null) {
            plain(ctx, HttpResponseStatus.NOT_FOUND, "This download link is unknown or was already used.\n");
            return;
        }
        String etag = "\"" + o.sha256Hex() + "\"";
        String ifMatch = req.headers().get(HttpHeaderNames.IF_MATCH);
        if (ifMatch != null && !ifMatch.trim().equals("*") && !ifMatch.contains(etag)) {
            plain(ctx, HttpResponseStatus.PRECONDITION_FAILED, "The file is not the one this download started with.\n");
            return;
        }
        try {
            if (Files.size(o.file()) != o.size()
                    || Files.getLastModifiedTime(o.file()).toMillis() != o.modifiedMillis()) {
                plain(ctx, HttpResponseStatus.CONFLICT, "The file changed on the sending computer; send it again.\n");
                return;
            }
        } catch (IOException e) {
            plain(ctx, HttpResponseStatus.NOT_FOUND, "The file is no longer there.\n");
            return;
        }
        long start = 0;
        long end = o.size() - 1;
        boolean partial = false;
        String range = req.headers().get(HttpHeaderNames.RANGE);
        String ifRange = req.headers().get(HttpHeaderNames.IF_RANGE);
        if (range != null && (ifRange == null || ifRange.trim().equals(etag))) {
            Matcher m = RANGE.matcher(range.trim());
            long[] r = m.matches() ? parse(m.group(1), m.group(2), o.size()) : null;
            if (r == null) {
                HttpResponse bad = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
                bad.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + o.size());
                bad.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            start = r[0];
            end = r[1];
            partial = true;
        }
        long length = o.size() == 0 ? 0 : end - start + 1;
        HttpResponse r = new DefaultHttpResponse(
                HttpVersion.HTTP_1_1, partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        r.headers().set(HttpHeaderNames.ETAG, etag);
        r.headers().set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().set("X-Content-Type-Options", "nosniff");
        r.headers()
                .set(
                        HttpHeaderNames.CONTENT_DISPOSITION,
                        "attachment; filename*=UTF-8''"
                                + URLEncoder.encode(o.name(), StandardCharsets.UTF_8)
                                        .replace("+", "%20"));
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (partial) {
            r.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + o.size());
        }
        if (head || length == 0) {
            ctx.write(r);
            ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!head) {
                f.addListener(done -> downloads.served(token));
            }
            f.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ChunkedFile body;
        try {
            body = new ChunkedFile(new RandomAccessFile(o.file().toFile(), "r"), start, length, 64 * 1024);
        } catch (IOException e) {
            plain(ctx, HttpResponseStatus.NOT_FOUND, "The file is no longer there.\n");
            return;
        }
        // This connection is a download now and closes after it: the WebSocket handlers behind this one (upgrade,
        // deadlines, relay session) and the idle rule (a long download has no inbound bytes) do not apply.
        IdleStateHandler idle = ctx.pipeline().get(IdleStateHandler.class);
        if (idle != null) {
            ctx.pipeline().remove(idle);
        }
        java.util.List<String> names = ctx.pipeline().names();
        for (String name : names.subList(names.indexOf(ctx.name()) + 1, names.size())) {
            if (ctx.pipeline().context(name) != null && !name.startsWith("DefaultChannelPipeline$TailContext")) {
                ctx.pipeline().remove(name);
            }
        }
        if (ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
            ctx.pipeline().addBefore(ctx.name(), "direct-download", new ChunkedWriteHandler());
        }
        long last = end;
        ctx.write(r);
        ctx.writeAndFlush(new HttpChunkedInput(body)).addListener(f -> {
            if (f.isSuccess()) {
                o.progress().accept(last + 1);
                if (last == o.size() - 1) {
                    downloads.served(token);
                }
            }
            ctx.close();
        });
    }

    /** [start, end] of a single byte range, or null if unsatisfiable. */
    private static long[] parse(String a, String b, long size) {
        try {
            if (a.isEmpty() && b.isEmpty()) {
                return null;
            }
            if (a.isEmpty()) { // suffix: the last b bytes
                long n = Long.parseLong(b);
                return n == 0 || size == 0 ? null : new long[] {Math.max(0, size - n), size - 1};
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            return start >= size || end < start ? null : new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void plain(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse r =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, b.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
