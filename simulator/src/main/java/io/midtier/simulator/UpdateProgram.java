package io.midtier.simulator;

import java.sql.SQLException;

/** ACCTUPD: changes name, address and phone; applies a repeated token again, as the real program would. */
final class UpdateProgram implements CicsProgram {

    private final AccountStore store;
    private final StatsCounters stats;
    private final Faults faults;

    UpdateProgram(AccountStore store, StatsCounters stats, Faults faults) {
        this.store = store;
        this.stats = stats;
        this.faults = faults;
    }

    @Override
    public String transaction() {
        return AcctUpd.TRANSACTION;
    }

    @Override
    public CicsReply run(String commarea) throws SQLException, InterruptedException {
        AcctUpd.Request request;
        try {
            request = AcctUpd.parseRequest(commarea);
        } catch (AcctUpd.InvalidRequestException e) {
            return reply(200, ReturnCodes.INVALID_REQUEST, e.accountIdField(), e.getMessage());
        }
        String idField = AccountIds.toField(request.accountId());
        // Injected faults only hit well-formed requests so a test's "fail the next N" is not eaten by a bad record.
        if (faults.takeFailNextUpdate()) {
            stats.abends.incrementAndGet();
            return reply(500, ReturnCodes.ABEND, idField, "ABEND ASRA");
        }
        if (faults.takeRejectNextUpdate()) {
            stats.rejected.incrementAndGet();
            return reply(200, ReturnCodes.BUSINESS_REJECTION, idField, "ACCOUNT LOCKED");
        }
        return switch (store.apply(request)) {
            case NOT_FOUND -> reply(200, ReturnCodes.NOT_FOUND, idField, "ACCOUNT NOT FOUND");
            case APPLIED -> afterApply(idField, false);
            case APPLIED_DUPLICATE -> afterApply(idField, true);
        };
    }

    /**
     * The update is applied and its token recorded (committed in the simulator's database); an injected fault now
     * loses the answer: an abend, or an answer later than the caller waits. Only the token tells the caller it got there.
     */
    private CicsReply afterApply(String idField, boolean duplicate) throws InterruptedException {
        CicsReply applied = applied(idField, duplicate);
        if (faults.takeAbendAfterApply()) {
            stats.abends.incrementAndGet();
            return reply(500, ReturnCodes.ABEND, idField, "ABEND ASRA");
        }
        if (faults.takeSlowAfterApply()) {
            // the program's own slowness after its work is done (a lock wait, a slow log write): part of the fault
            Thread.sleep(faults.slowAfterApplyMs());
        }
        return applied;
    }

    @Override
    public CicsReply failure(int httpStatus, String commarea, String returnCode, String message) {
        String idField = commarea.length() >= 46 ? FixedWidth.field(commarea, 37, AccountIds.WIDTH) : "";
        return reply(httpStatus, returnCode, idField, message);
    }

    private CicsReply applied(String idField, boolean duplicate) {
        stats.updates.incrementAndGet();
        if (duplicate) {
            stats.duplicates.incrementAndGet();
        }
        // Same reply either way: the real program cannot tell a retry from a new update.
        return reply(200, ReturnCodes.OK, idField, "ACCOUNT UPDATED");
    }

    private static CicsReply reply(int httpStatus, String returnCode, String idField, String message) {
        return new CicsReply(httpStatus, AcctUpd.reply(returnCode, idField, message));
    }
}
