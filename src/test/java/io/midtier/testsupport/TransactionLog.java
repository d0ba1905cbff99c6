package io.midtier.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Narayana's log of a midtier data directory (the file store, as tests run it): the transactions it still holds. */
public final class TransactionLog {

    private TransactionLog() {
    }

    /** Names of the records left: each is a transaction that waits for recovery (or an operator). */
    public static List<String> records(Path dataDir) {
        Path records = dataDir.resolve(Path.of("tx-object-store", "ShadowNoFileLockStore", "defaultStore",
                "StateManager", "BasicAction", "TwoPhaseCoordinator", "AtomicAction"));
        if (!Files.isDirectory(records)) {
            return List.of();
        }
        try (var files = Files.list(records)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
