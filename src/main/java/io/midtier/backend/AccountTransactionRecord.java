package io.midtier.backend;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/** One transaction record of the ACCTINQ reply (80 characters), framed one per line for Bindy. */
@FixedLengthRecord(length = 80, eol = "\n", crlf = "UNIX")
public class AccountTransactionRecord {

    @DataField(pos = 1, length = 12)
    private Long txnId;
    /** DB2 timestamp, UTC. */
    @DataField(pos = 13, length = 26, pattern = "yyyy-MM-dd-HH.mm.ss.SSSSSS")
    private LocalDateTime postedAt;
    /** Cents with a leading sign, e.g. {@code -00000000012345} = -123.45. */
    @DataField(pos = 39, length = 15, precision = 2, impliedDecimalSeparator = true, trim = true)
    private BigDecimal amount;
    @DataField(pos = 54, length = 27, trim = true)
    private String description;

    public Long getTxnId() {
        return txnId;
    }

    public void setTxnId(Long txnId) {
        this.txnId = txnId;
    }

    public LocalDateTime getPostedAt() {
        return postedAt;
    }

    public void setPostedAt(LocalDateTime postedAt) {
        this.postedAt = postedAt;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
