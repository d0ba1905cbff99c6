package io.midtier.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, with each scenario's broken invariants (or skip reason) below it. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String render(List<Result> results, String header) {
        return render(results, header, List.of());
    }

    /** @param excluded scenarios left out on the command line, named below the table */
    static String render(List<Result> results, String header, List<String> excluded) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.add("");
        lines.add("| scenario | requests | accepted | applied | failed | lost | duplicated | divergent keys | 5xx | unexpected 5xx | unknown | phantom | duration |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            if (r.skipped() != null) {
                lines.add("| " + r.scenario() + " | could not run: " + r.skipped() + " ||||||||||||");
                continue;
            }
            lines.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f s |",
                    r.scenario(), r.requests(), r.accepted(), r.applied(), r.failed(), r.lost(), r.duplicated(),
                    r.divergentKeys(), r.serverErrors(), r.unexpectedServerErrors(), r.unknown(), r.phantom(),
                    r.duration().toMillis() / 1000.0));
        }
        lines.add("");
        for (Result r : results) {
            if (r.skipped() == null && !r.figures().isEmpty()) {
                List<String> figures = new ArrayList<>();
                r.figures().forEach((name, n) -> figures.add(name + " " + n));
                lines.add("- " + r.scenario() + " figures: " + String.join(", ", figures));
            }
        }
        for (Result r : results) {
            if (r.skipped() == null) {
                lines.add("- " + r.scenario() + ": " + (r.violations().isEmpty() ? "every invariant held"
                        : r.violations().size() + " broken: " + String.join("; ", r.violations().subList(0,
                        Math.min(20, r.violations().size())))));
            }
        }
        if (!excluded.isEmpty()) {
            lines.add("- excluded on the command line (not run): " + String.join(", ", excluded));
        }
        return String.join("\n", lines) + "\n";
    }
}
