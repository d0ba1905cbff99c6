package io.midtier.legacy;

/** A program's answer: the HTTP status and the fixed-width reply record. */
record CicsReply(int httpStatus, String record) {
}
