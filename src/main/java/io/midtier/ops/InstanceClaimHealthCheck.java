package io.midtier.ops;

import io.midtier.Infrastructure;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: this instance still holds its place on the shared database ({@link io.midtier.run.InstanceClaim}). The
 * place is held by a PostgreSQL session; when that session ended (a database restart, a terminated connection) the
 * check takes the place again on a new one. DOWN while it cannot (the database does not answer), or when another
 * instance took it meanwhile (a second embedded-broker instance, or this node id): the message is the refusal a start
 * would get, naming the setting.
 */
public final class InstanceClaimHealthCheck extends AbstractHealthCheck {

    private final Supplier<Infrastructure> infrastructure;

    public InstanceClaimHealthCheck(Supplier<Infrastructure> infrastructure) {
        super("midtier", "instance-claim");
        this.infrastructure = infrastructure;
    }

    @Override
    public boolean isLiveness() {
        // restarting would not help while the database is away, and would be refused while another instance holds it
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Infrastructure infra = infrastructure.get();
        if (infra == null) {
            builder.down().message("instance claim: midtier is starting or stopping");
            return;
        }
        Optional<String> problem = infra.renewClaim();
        if (problem.isPresent()) {
            builder.down().message(problem.get());
        } else {
            builder.up();
        }
    }
}
