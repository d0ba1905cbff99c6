package io.midtier.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.midtier.Infrastructure;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.http.JsonErrorPages;
import io.midtier.http.ListenPorts;
import io.midtier.http.CrossSiteGuard;
import io.midtier.http.RequestGuard;
import io.midtier.security.AccessPolicy;
import io.midtier.security.HttpSecurityHandler;
import io.midtier.security.HttpSecurityInstaller;
import io.midtier.security.HttpUsers;
import io.midtier.run.RouteSource;
import io.midtier.run.RouteSourceSetup;
import io.midtier.security.ProductionGuard;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operating midtier needs, from application.properties: the prod-profile password guard (before
 * anything starts, so this configuration runs first), HTTP security, readiness checks, the JMX connector
 * and midtier's own MBean and gauge.
 */
public class OperationsConfiguration implements CamelConfiguration {

    public static final String STATS_MBEAN = "io.midtier:type=Stats";
    private static final Logger LOG = LoggerFactory.getLogger(OperationsConfiguration.class);

    @PropertyInject(value = "midtier.db.password", defaultValue = "") private String dbPassword;
    @PropertyInject(value = "midtier.backend.url", defaultValue = "") private String backendUrl;
    @PropertyInject(value = "midtier.broker.url", defaultValue = "") private String brokerUrl;
    @PropertyInject(value = "midtier.broker.user", defaultValue = "") private String brokerUser;
    @PropertyInject(value = "midtier.broker.password", defaultValue = "") private String brokerPassword;
    @PropertyInject("midtier.queue.updates") private String updatesQueue;
    @PropertyInject("midtier.queue.updates-dlq") private String deadLetterQueue;

    @PropertyInject(value = "midtier.security.enabled", defaultValue = "true") private boolean securityEnabled;
    @PropertyInject(value = "midtier.security.reads-open", defaultValue = "true") private boolean readsOpen;
    @PropertyInject(value = "midtier.security.users", defaultValue = "") private String users;
    @PropertyInject(value = "camel.server.max-body-size", defaultValue = "0") private long maxBodySize;
    @PropertyInject(value = "midtier.http.body-timeout-ms", defaultValue = "10000") private long bodyTimeoutMs;
    // the ports as the HTTP servers will bind them (application.properties takes them from midtier.http.* and
    // midtier.management.port, the settings users know)
    @PropertyInject(value = "camel.server.host", defaultValue = "0.0.0.0") private String httpHost;
    @PropertyInject(value = "camel.server.port", defaultValue = "8080") private int httpPort;
    @PropertyInject(value = "camel.management.enabled", defaultValue = "false") private boolean managementEnabled;
    @PropertyInject(value = "camel.management.host", defaultValue = "0.0.0.0") private String managementHost;
    @PropertyInject(value = "camel.management.port", defaultValue = "9876") private int managementPort;

    @PropertyInject(value = "midtier.jmx.host", defaultValue = "127.0.0.1") private String jmxHost;
    @PropertyInject(value = "midtier.jmx.port", defaultValue = "0") private int jmxPort;
    @PropertyInject(value = "midtier.jmx.user", defaultValue = "") private String jmxUser;
    @PropertyInject(value = "midtier.jmx.password", defaultValue = "") private String jmxPassword;
    @PropertyInject(value = "camel.main.jmx-enabled", defaultValue = "true") private boolean jmxEnabled;
    @PropertyInject(value = "camel.main.routes-reload-enabled", defaultValue = "false") private boolean reloadEnabled;

    @Override
    public void configure(CamelContext context) throws Exception {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("midtier.db.password", dbPassword);
        secrets.put("midtier.broker.password", brokerPassword);
        secrets.put("midtier.jmx.password", jmxPassword);
        secrets.put(ProductionGuard.USERS_KEY, users);
        secrets.put(ProductionGuard.BACKEND_URL_KEY, backendUrl);
        ProductionGuard.check(context.getCamelContextExtension().getProfile(), secrets);
        ListenPorts.requireFree("midtier.http.port", httpHost, httpPort);
        if (managementEnabled) {
            ListenPorts.requireFree("midtier.management.port", managementHost, managementPort);
        }

        RouteSource routes = context.getRegistry().lookupByNameAndType(RouteSourceSetup.BEAN, RouteSource.class);
        if (reloadEnabled && routes != null && routes.kameletDirectory().isPresent()) {
            KameletReloader.install(context, routes.kameletDirectory().get().toString());
        }

        // first in front of every path: nothing is served before every route started, or while they stop
        StartupGate gate = new StartupGate();
        context.getManagementStrategy().addEventNotifier(gate.notifier());
        HttpSecurityInstaller.install(context, gate);
        // then ids only in the path, bodies that arrive in time, JSON bodies for the errors the HTTP router answers
        HttpSecurityInstaller.install(context, new RequestGuard(bodyTimeoutMs));
        // a browser's cross-site POST/PUT/DELETE is refused before its (remembered) credentials count: CSRF
        HttpSecurityInstaller.install(context, new CrossSiteGuard());
        if (securityEnabled) {
            HttpSecurityInstaller.install(context, new HttpSecurityHandler(HttpUsers.parse(users),
                    new AccessPolicy(readsOpen), maxBodySize));
        } else {
            LOG.warn("midtier.security.enabled=false: every HTTP request is let through");
        }

        Supplier<Infrastructure> infra = () -> context.getRegistry().lookupByNameAndType("infrastructure",
                Infrastructure.class);
        Supplier<DataSource> dataSource = () -> infra.get() == null ? null : infra.get().dataSource();
        context.getRegistry().bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource));
        context.getRegistry().bind("instanceClaimHealthCheck", new InstanceClaimHealthCheck(infra));
        // midtier's own clients reach the embedded broker in-VM (see BrokerSettings.clientUrl)
        BrokerHealthCheck broker = new BrokerHealthCheck(brokerUrl.isBlank() ? "vm://0" : brokerUrl, brokerUser,
                brokerPassword);
        context.getRegistry().bind("brokerHealthCheck", broker);
        context.getRegistry().bind("transactionManagerHealthCheck", new TransactionManagerHealthCheck(
                () -> infra.get() == null ? null : infra.get().transactions().transactionManager()));

        Supplier<MeterRegistry> meters = () -> context.getRegistry().lookupByNameAndType("metricsRegistry",
                MeterRegistry.class);
        // an MBean (io.midtier:type=Stats) and a gauge, registered once everything started; no route calls it
        MidtierStats stats = new MidtierStats(meters, dataSource);
        AtomicReference<JmxConnector> connector = new AtomicReference<>();
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                if (alreadyStarted) {
                    // called again whenever a route starts later (resume, reload): set up once
                    return;
                }
                JsonErrorPages.install(started);
                // only once everything started: a failed start leaves no JMX port open
                if (jmxEnabled) {
                    connector.set(startJmx(stats));
                }
                MeterRegistry registry = meters.get();
                if (registry != null) {
                    stats.registerGauge(registry);
                    if (brokerUrl.isBlank()) {
                        Supplier<EmbeddedBroker> embedded = () -> started.getRegistry()
                                .lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
                        MidtierStats.registerQueueGauge(registry, updatesQueue, embedded);
                        MidtierStats.registerQueueGauge(registry, deadLetterQueue, embedded);
                    }
                }
            }
        });

        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                broker.close();
                if (jmxEnabled) {
                    unregisterStats();
                }
                if (connector.get() != null) {
                    try {
                        connector.get().close();
                    } catch (Exception e) {
                        LOG.warn("while closing the JMX connector: {}", e.toString());
                    }
                }
            }
        });
    }

    private JmxConnector startJmx(MidtierStats stats) throws Exception {
        ObjectName name = new ObjectName(STATS_MBEAN);
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            ManagementFactory.getPlatformMBeanServer().registerMBean(stats, name);
        }
        return jmxPort > 0 ? JmxConnector.start(jmxHost, jmxPort, jmxUser, jmxPassword) : null;
    }

    private static void unregisterStats() {
        try {
            ObjectName name = new ObjectName(STATS_MBEAN);
            if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            }
        } catch (Exception e) {
            LOG.warn("while unregistering {}: {}", STATS_MBEAN, e.toString());
        }
    }
}
