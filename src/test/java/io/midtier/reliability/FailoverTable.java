package io.midtier.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What killing the live broker of the pair looked like from outside, per midtier instance and in total: writes
 * accepted (202), lost (accepted, never applied), duplicated (applied twice at the back-end), refused (503), without
 * an answer, and the time from the kill to the answer of the instance's first accepted write sent after the kill.
 */
record FailoverTable(List<Row> rows, long backupActiveMs) {

    record Row(String instance, long accepted, long lost, long duplicated, long refused, long unanswered,
               long otherStatuses, long recoverMs) {
    }

    Row total() {
        return new Row("all", rows.stream().mapToLong(Row::accepted).sum(), rows.stream().mapToLong(Row::lost).sum(),
                rows.stream().mapToLong(Row::duplicated).sum(), rows.stream().mapToLong(Row::refused).sum(),
                rows.stream().mapToLong(Row::unanswered).sum(), rows.stream().mapToLong(Row::otherStatuses).sum(),
                rows.stream().mapToLong(Row::recoverMs).max().orElse(-1));
    }

    String format() {
        StringBuilder text = new StringBuilder(String.format(
                "live broker killed; backup active after %d ms%n", backupActiveMs));
        text.append("| instance | writes accepted | lost | duplicated | 503s | no answer | other | time to recover (ms) |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            append(text, row);
        }
        append(text, total());
        return text.toString();
    }

    private static void append(StringBuilder text, Row row) {
        text.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d |%n", row.instance(), row.accepted(),
                row.lost(), row.duplicated(), row.refused(), row.unanswered(), row.otherStatuses(), row.recoverMs()));
    }

    /** Printed and kept in target/reliability/multi-instance-failover.txt (docs/scale-out.md quotes a run). */
    void write() throws IOException {
        String text = format();
        System.out.println(text);
        Path file = Path.of("target", "reliability", "multi-instance-failover.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
