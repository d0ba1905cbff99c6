package io.midtier.simulator;

/** One transaction of the simulated CICS region, reached at /cics/{transaction}. */
interface CicsProgram {

    String transaction();

    /** Runs the business logic on the request record. */
    CicsReply run(String commarea) throws Exception;

    /** A reply in this program's layout for a call that did not reach (or failed in) the business logic. */
    CicsReply failure(int httpStatus, String commarea, String returnCode, String message);
}
