package io.midtier.reliability;

/**
 * One malformed or hostile request of {@link BadInputCorpus}, as the raw bytes a client puts on the socket.
 *
 * @param name what it is, e.g. {@code put-account/json-truncated}
 * @param category the family: json, size, types, unicode, injection, content-type, headers, path, method...
 * @param bytes the whole HTTP/1.1 request (request line, headers, body), its Host header already set
 */
public record HostileRequest(String name, String category, byte[] bytes) {
}
