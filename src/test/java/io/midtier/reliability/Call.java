package io.midtier.reliability;

/**
 * One request the harness's clients made and what came back.
 *
 * @param seq      order of recording
 * @param client   which client thread
 * @param kind     WRITE, READ, BAD (a bad-input case), ADMIN
 * @param key      the account id (or the bad-input case's name)
 * @param value    the unique name a WRITE sets (empty for others)
 * @param startMs  when it was sent, ms since the scenario started
 * @param millis   how long it took
 * @param status   the HTTP status; -1 when no answer came (connection refused, reset, timeout)
 * @param updateId the update id of a 202
 * @param error    the exception of an unanswered call, or a short reason
 */
record Call(long seq, int client, String kind, String key, String value, long startMs, long millis, int status,
            String updateId, String error) {

    static final String HEADER = "seq,client,kind,key,value,start_ms,millis,status,update_id,error";

    boolean accepted() {
        return "WRITE".equals(kind) && status == 202;
    }

    /** A write whose answer was lost: it may have been applied, at most once. */
    boolean unknown() {
        return "WRITE".equals(kind) && status == -1 && !"refused".equals(error);
    }

    /** A write answered with something other than 202: it must have changed nothing. */
    boolean refused() {
        return "WRITE".equals(kind) && !accepted() && !unknown();
    }

    String csv() {
        return String.join(",", Long.toString(seq), Integer.toString(client), kind, quote(key), quote(value),
                Long.toString(startMs), Long.toString(millis), Integer.toString(status), quote(updateId), quote(error));
    }

    private static String quote(String text) {
        if (text == null) {
            return "";
        }
        return '"' + text.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
    }
}
