package io.midtier.simulator;

import java.sql.SQLException;
import java.util.Optional;

/** ACCTINQ: reads one account and its most recent transactions. */
final class InquiryProgram implements CicsProgram {

    private final AccountStore store;
    private final StatsCounters stats;

    InquiryProgram(AccountStore store, StatsCounters stats) {
        this.store = store;
        this.stats = stats;
    }

    @Override
    public String transaction() {
        return AcctInq.TRANSACTION;
    }

    @Override
    public CicsReply run(String commarea) throws SQLException {
        stats.inquiries.incrementAndGet();
        Optional<String> id = AccountIds.fromField(commarea);
        if (id.isEmpty()) {
            return failure(200, commarea, ReturnCodes.INVALID_REQUEST, "INVALID ACCOUNT ID");
        }
        Optional<Account> account = store.find(id.get());
        if (account.isEmpty()) {
            return failure(200, commarea, ReturnCodes.NOT_FOUND, "ACCOUNT NOT FOUND");
        }
        return new CicsReply(200, AcctInq.reply(account.get(),
                store.recentTransactions(id.get(), AcctInq.MAX_TRANSACTIONS)));
    }

    @Override
    public CicsReply failure(int httpStatus, String commarea, String returnCode, String message) {
        // The inquiry layout has no message field: the reply carries the return code and the id as given.
        return new CicsReply(httpStatus, AcctInq.failure(returnCode, commarea));
    }
}
