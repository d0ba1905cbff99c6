package io.midtier.security;

import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Puts a handler ({@link HttpSecurityHandler}, the start-up gate, io.midtier.http.RequestGuard, the near hits of
 * io.midtier.cache.NearHits, installed last) in front of every path of the API server, through the authentication
 * hook of Camel's embedded HTTP server: the server installs it when it starts, before any route serves. Handlers run
 * in the order they were installed.
 */
public final class HttpSecurityInstaller {

    private HttpSecurityInstaller() {
    }

    public static void install(CamelContext context, AuthenticationHandler handler) {
        MainHttpServer existing = context.hasService(MainHttpServer.class);
        if (existing != null) {
            addTo(existing, handler);
            return;
        }
        // camel-main creates the server after the configuration classes ran: catch it when it is added.
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext camelContext, Service service, org.apache.camel.Route route) {
                if (service instanceof MainHttpServer server) {
                    addTo(server, handler);
                }
            }
        });
    }

    private static void addTo(MainHttpServer server, AuthenticationHandler handler) {
        AuthenticationConfig auth = server.getConfiguration().getAuthenticationConfig();
        AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider>
                    io.vertx.ext.web.handler.AuthenticationHandler createAuthenticationHandler(T provider) {
                return handler;
            }
        });
        auth.getEntries().add(entry);
        auth.setEnabled(true);
    }
}
