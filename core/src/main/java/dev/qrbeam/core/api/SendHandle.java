package dev.qrbeam.core.api;

/** A send in progress: the code to show ({@link CodeHandle}), and the transfer behind it. */
public interface SendHandle extends CodeHandle {}
