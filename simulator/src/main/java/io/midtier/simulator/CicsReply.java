package io.midtier.simulator;

/** A program's answer: the HTTP status and the fixed-width reply record. */
record CicsReply(int httpStatus, String record) {
}
