package io.midtier.backend;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.dataformat.bindy.BindyFixedLengthFactory;
import org.apache.camel.dataformat.bindy.fixed.BindyFixedLengthDataFormat;

/**
 * Bindy's fixed-length format for a reply COMMAREA: one record, read from the text the back-end's connector
 * returns. Bindy's own unmarshal reads a stream of records and makes a {@link java.util.Scanner} with its line
 * delimiter for every message (a tenth of a delivery consumer's CPU went there); a single line is read here with
 * the same model and the same padding, trimming and length check ({@link #createModel}). Anything else (a stream,
 * several lines) goes Bindy's way.
 */
public class CommareaFormat extends BindyFixedLengthDataFormat {

    public CommareaFormat(Class<?> recordType) {
        super(recordType);
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        if (!(body instanceof String record) || record.isEmpty() || record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
            return super.unmarshal(exchange, body);
        }
        Map<String, Object> model = createModel((BindyFixedLengthFactory) getFactory(), record, 1);
        return model.get(getClassType().getName());
    }
}
