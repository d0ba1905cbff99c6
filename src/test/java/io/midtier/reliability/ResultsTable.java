package io.midtier.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, with each scenario's broken invariants (or skip reason) below it. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String render(List<Result> results, String header) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.add("");
        lines.add("| scenario | requests | accepted | applied | failed | lost | duplicated | divergent keys | 5xx | unknown | phantom | duration |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            if (r.skipped() != null) {
                lines.add("| " + r.scenario() + " | skipped: " + r.skipped() + " |||||||||||");
                continue;
            }
            lines.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f s |",
                    r.scenario(), r.requests(), r.accepted(), r.applied(), r.failed(), r.lost(), r.duplicated(),
                    r.divergentKeys(), r.serverErrors(), r.unknown(), r.phantom(), r.duration().toMillis() / 1000.0));
        }
        lines.add("");
        for (Result r : results) {
            if (r.skipped() == null) {
                lines.add("- " + r.scenario() + ": " + (r.violations().isEmpty() ? "every invariant held"
                        : r.violations().size() + " broken: " + String.join("; ", r.violations().subList(0,
                        Math.min(20, r.violations().size())))));
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
