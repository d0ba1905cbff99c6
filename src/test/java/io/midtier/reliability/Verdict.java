package io.midtier.reliability;

/**
 * What midtier answered to one {@link HostileRequest}.
 *
 * @param status the HTTP status, or -1 if the connection closed without an answer
 * @param jsonErrorBody whether the body is a JSON object naming the error
 * @param problem why this answer breaks the bad-input rules (a 5xx, a 2xx, no JSON body...), or null if it keeps them
 */
public record Verdict(HostileRequest request, int status, boolean jsonErrorBody, String problem) {

    public boolean ok() {
        return problem == null;
    }
}
