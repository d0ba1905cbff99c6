package io.midtier.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scripts SchemaMigration compares with the schema history are exactly the versioned ones Flyway would run. */
class SchemaMigrationTest {

    @Test
    void lists_every_versioned_migration_script_it_carries() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", SchemaMigration.LOCATION))) {
            assertThat(SchemaMigration.carriedScripts()).isNotEmpty().containsExactlyInAnyOrderElementsOf(files
                    .map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("V") && name.endsWith(".sql"))
                    .collect(Collectors.toSet()));
        }
    }
}
