package io.midtier;

import io.midtier.api.RequestIds;
import io.midtier.api.AccountUpdateValidator;
import io.midtier.api.ApiErrors;
import io.midtier.api.ApiHeaderFilterStrategy;
import io.midtier.api.EntityTags;
import io.midtier.api.Paging;
import io.midtier.backend.AccountMapper;
import io.midtier.api.UpdateFilters;
import io.midtier.api.WriteRequests;
import io.midtier.changes.ChangeMessages;
import io.midtier.changes.ChangeRequests;
import io.midtier.delivery.BackendReplies;
import io.midtier.orders.OrderRecords;
import io.midtier.orders.OrderRequests;
import io.midtier.delivery.DeadLetters;
import io.midtier.delivery.UpdateMessage;
import io.midtier.delivery.UpdateMessageFormats;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The stateless beans the YAML routes call by name. */
public class RouteBeans implements CamelConfiguration {

    @BindToRegistry("requestIds")
    public RequestIds requestIds() {
        return new RequestIds();
    }

    @BindToRegistry("accountUpdateValidator")
    public AccountUpdateValidator accountUpdateValidator() {
        return new AccountUpdateValidator();
    }

    @BindToRegistry("accountMapper")
    public AccountMapper accountMapper() {
        return new AccountMapper();
    }

    @BindToRegistry("updateMessage")
    public UpdateMessage updateMessage() {
        return new UpdateMessage();
    }

    // delivery (issue 6): write preconditions, back-end replies, dead letters, list parameters
    @PropertyInject(value = "midtier.api.max-update-bytes", defaultValue = "4096")
    private int maxUpdateBytes;

    @BindToRegistry("writeRequests")
    public WriteRequests writeRequests() {
        return new WriteRequests(maxUpdateBytes);
    }

    // message formats (issue 3): the update message's current and previous schema versions
    @BindToRegistry("updateMessageFormats")
    public UpdateMessageFormats updateMessageFormats() {
        return new UpdateMessageFormats();
    }

    @BindToRegistry("backendReplies")
    public BackendReplies backendReplies() {
        return new BackendReplies();
    }

    @BindToRegistry("deadLetters")
    public DeadLetters deadLetters() {
        return new DeadLetters();
    }

    @BindToRegistry("updateFilters")
    public UpdateFilters updateFilters() {
        return new UpdateFilters();
    }

    // changes (issue 3): change endpoint parameters, topic messages
    @BindToRegistry("changeRequests")
    public ChangeRequests changeRequests() {
        return new ChangeRequests();
    }

    @BindToRegistry("changeMessages")
    public ChangeMessages changeMessages() {
        return new ChangeMessages();
    }

    // orders (issue 3): order requests and the back-end's order records
    @BindToRegistry("orderRequests")
    public OrderRequests orderRequests() {
        return new OrderRequests();
    }

    @BindToRegistry("orderRecords")
    public OrderRecords orderRecords() {
        return new OrderRecords();
    }

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors();
    }

    @BindToRegistry("preparedTransactionWatch")
    public io.midtier.tx.PreparedTransactionWatch preparedTransactionWatch() {
        return new io.midtier.tx.PreparedTransactionWatch();
    }

    @BindToRegistry("apiHeaderFilter")
    public ApiHeaderFilterStrategy apiHeaderFilter() {
        return new ApiHeaderFilterStrategy();
    }

    // read path (issue 2): entity tags and paging
    @PropertyInject("midtier.api.page.default-size") private int defaultPageSize;
    @PropertyInject("midtier.api.page.max-size") private int maxPageSize;

    @BindToRegistry("entityTags")
    public EntityTags entityTags() {
        return new EntityTags();
    }

    @BindToRegistry("paging")
    public Paging paging() {
        return new Paging(defaultPageSize, maxPageSize);
    }
}
