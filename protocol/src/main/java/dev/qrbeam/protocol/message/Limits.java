package dev.qrbeam.protocol.message;

/**
 * Capabilities advertised in the Connect reply.
 *
 * @param maxtextbytes   largest text message (UTF-8 bytes) the relay accepts; beyond it closes with 1009
 * @param maxbinarybytes largest binary message the relay accepts (0 when binary is false)
 * @param binary         whether binary Transfer frames are accepted (false on AWS API Gateway)
 * @param maxframebytes  largest single WebSocket frame payload accepted
 */
public record Limits(long maxtextbytes, long maxbinarybytes, boolean binary, long maxframebytes) {}
