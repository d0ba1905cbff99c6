package io.midtier.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SQL endpoint of the routes and kamelets states its parameter count. Without it camel-sql asks the JDBC
 * driver for the statement's parameter metadata on every call, which PostgreSQL answers with an extra round trip
 * (docs/BENCHMARKS.md). A count that disagrees with its file would fail at run time, so it is checked here.
 */
class SqlParameterCountTest {

    private static final Pattern SQL_ENDPOINT = Pattern.compile("^(\\s*)uri: sql:classpath:sql/([\\w-]+\\.sql)\\s*$");
    private static final Pattern COUNT = Pattern.compile("^\\s*parametersCount: (\\d+)\\s*$");

    @Test
    void everySqlEndpointStatesTheParameterCountOfItsFile() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path yaml : yamlFiles()) {
            List<String> lines = Files.readAllLines(yaml);
            for (int i = 0; i < lines.size(); i++) {
                Matcher endpoint = SQL_ENDPOINT.matcher(lines.get(i));
                if (!endpoint.matches()) {
                    continue;
                }
                String file = endpoint.group(2);
                int expected = placeholders(Path.of("src/main/resources/sql", file));
                String where = yaml.getFileName() + ":" + (i + 1) + " " + file;
                if (expected == 0) {
                    // 0 means "ask the driver" to camel-sql: nothing to state
                    assertEquals(-1, statedCount(lines, i, endpoint.group(1)), where + " has no parameters");
                } else {
                    assertEquals(expected, statedCount(lines, i, endpoint.group(1)), where);
                }
                checked.add(where);
            }
        }
        assertTrue(checked.size() >= 30, "found only " + checked.size() + " SQL endpoints: " + checked);
    }

    /** The parametersCount in the endpoint's parameters block (more deeply indented lines below it), or -1. */
    private static int statedCount(List<String> lines, int uriLine, String indent) {
        for (int i = uriLine + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            // the endpoint's keys (uri, parameters) are siblings: its block ends where the indentation drops
            if (!line.isBlank() && !line.startsWith(indent) || line.startsWith(indent + "- ")
                    || line.trim().startsWith("- ") && leading(line) <= indent.length()) {
                return -1;
            }
            Matcher count = COUNT.matcher(line);
            if (count.matches()) {
                return Integer.parseInt(count.group(1));
            }
        }
        return -1;
    }

    private static int leading(String line) {
        return line.length() - line.stripLeading().length();
    }

    /** camel-sql's named parameters ({@code :#name} or {@code :#${...}}) outside comments. */
    private static int placeholders(Path sql) throws IOException {
        int count = 0;
        for (String line : Files.readAllLines(sql)) {
            String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
            for (int at = code.indexOf(":#"); at >= 0; at = code.indexOf(":#", at + 2)) {
                count++;
            }
        }
        return count;
    }

    private static List<Path> yamlFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("routes", "kamelets")) {
            try (Stream<Path> stream = Files.list(Path.of(dir))) {
                stream.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
