package io.midtier.simulator;

/** ORDSUB: takes an order at once (return code 00) and answers it later through the {@link OrderDesk}. */
final class OrderProgram implements CicsProgram {

    private final OrderDesk desk;

    OrderProgram(OrderDesk desk) {
        this.desk = desk;
    }

    @Override
    public String transaction() {
        return OrdSub.TRANSACTION;
    }

    @Override
    public CicsReply run(String commarea) {
        OrdSub.Request request;
        try {
            request = OrdSub.parseRequest(commarea);
        } catch (IllegalArgumentException e) {
            return new CicsReply(200, OrdSub.reply(ReturnCodes.INVALID_REQUEST, e.getMessage()));
        }
        desk.accepted(request);
        return new CicsReply(200, OrdSub.reply(ReturnCodes.OK, "ORDER TAKEN"));
    }

    @Override
    public CicsReply failure(int httpStatus, String commarea, String returnCode, String message) {
        return new CicsReply(httpStatus, OrdSub.reply(returnCode, message));
    }
}
