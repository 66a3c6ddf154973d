/**
 * The relay: {@code dev.qrbeam.relay} starts one (standalone, embedded in a sender), {@code relay.core} is its
 * transport-free routing and limits. The Netty server, TLS and the AWS Lambda adapter stay inside; the AWS
 * libraries are optional (only the Lambda jar carries them).
 */
open module dev.qrbeam.relay {
    requires transitive dev.qrbeam.protocol;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires org.slf4j;
    requires static aws.lambda.java.core;
    requires static aws.lambda.java.events;
    requires static software.amazon.awssdk.auth;
    requires static software.amazon.awssdk.core;
    requires static software.amazon.awssdk.http;
    requires static software.amazon.awssdk.http.urlconnection;
    requires static software.amazon.awssdk.regions;
    requires static software.amazon.awssdk.services.apigatewaymanagementapi;
    requires static software.amazon.awssdk.services.dynamodb;

    exports dev.qrbeam.relay;
    exports dev.qrbeam.relay.core;
}
