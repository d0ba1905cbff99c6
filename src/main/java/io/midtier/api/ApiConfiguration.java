package io.midtier.api;

import io.midtier.InfrastructureConfiguration;
import io.midtier.run.EnumChoices;
import io.vertx.core.VertxOptions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * The HTTP face's beans: request checks and parameters, the paging rule, entity tags, the JSON error body, and
 * the header filter of the platform-http component ({@code camel.component.platform-http.header-filter-strategy}),
 * and the options camel-platform-http builds its Vert.x instance with ({@code vertxOptions}). All stateless, built
 * from {@code midtier.api.*} and {@code midtier.http.*}.
 */
public class ApiConfiguration implements CamelConfiguration {

    @BindToRegistry("requestIds")
    public RequestIds requestIds() {
        return new RequestIds();
    }

    @BindToRegistry("accountUpdateValidator")
    public AccountUpdateValidator accountUpdateValidator() {
        return new AccountUpdateValidator();
    }

    @BindToRegistry("writeRequests")
    public WriteRequests writeRequests(@PropertyInject("midtier.api.max-update-bytes") int maxUpdateBytes) {
        return new WriteRequests(maxUpdateBytes);
    }

    @BindToRegistry("accountWriteRequests")
    public AccountWriteRequests accountWriteRequests(@PropertyInject("midtier.api.max-update-bytes") int maxUpdateBytes) {
        return new AccountWriteRequests(requestIds(), writeRequests(maxUpdateBytes), accountUpdateValidator());
    }

    @BindToRegistry("paging")
    public Paging paging(@PropertyInject("midtier.api.page.default-size") int defaultSize,
                         @PropertyInject("midtier.api.page.max-size") int maxSize) {
        return new Paging(defaultSize, maxSize);
    }

    @BindToRegistry("updateFilters")
    public UpdateFilters updateFilters() {
        return new UpdateFilters();
    }

    @BindToRegistry("commandAnswers")
    public CommandAnswers commandAnswers() {
        return new CommandAnswers();
    }

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors();
    }

    @BindToRegistry("apiHeaderFilter")
    public ApiHeaderFilterStrategy apiHeaderFilter() {
        return new ApiHeaderFilterStrategy();
    }

    /**
     * The options of the Vert.x instance under the HTTP servers (camel-platform-http takes the one bean of this type):
     * Netty's epoll transport where its native library loads (Linux on x86-64; the library comes with Artemis), the
     * JDK's selector elsewhere or with {@code midtier.http.native-transport=false}. On the hit path it cost 15-22 %
     * less CPU per request than the JDK's (docs/BENCHMARKS.md, stop 43).
     */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions(@PropertyInject("midtier.http.native-transport") boolean nativeTransport) {
        return new VertxOptions().setPreferNativeTransport(nativeTransport);
    }

    @Override
    public void configure(CamelContext context) {
        // the dual-write's choice compares its outcome with a constant
        EnumChoices.register(context, WriteOutcome.class);
        // the dual-write's one statement, on the XA pool InfrastructureConfiguration binds
        context.getRegistry().bind("updateWrites", new UpdateWrites(InfrastructureConfiguration.xaDataSource(context)));
    }
}
