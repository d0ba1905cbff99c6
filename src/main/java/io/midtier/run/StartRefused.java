package io.midtier.run;

/**
 * A start midtier refuses because of its configuration (a setting missing, wrong or unsafe). Its message names the
 * setting and is the whole story: {@link io.midtier.MidtierApplication} logs it as one line, without a stack trace.
 */
public class StartRefused extends IllegalStateException {

    public StartRefused(String message) {
        super(message);
    }
}
