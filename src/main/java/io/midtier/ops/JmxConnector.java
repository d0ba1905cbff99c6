package io.midtier.ops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A password-protected JMX RMI connector on one port (registry and connector share it) bound to one
 * address, over the platform MBean server where Camel registers its MBeans. Camel 4 no longer creates one.
 */
public final class JmxConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxConnector.class);

    private final Registry registry;
    private final JMXConnectorServer server;
    private final JMXServiceURL url;

    private JmxConnector(Registry registry, JMXConnectorServer server, JMXServiceURL url) {
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    public static JmxConnector start(String host, int port, String user, String password) throws IOException {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the JMX connector needs midtier.jmx.user and midtier.jmx.password");
        }
        // The stubs the registry hands out carry this host; without it they name the machine's own address.
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", host);
        }
        BoundSocketFactory sockets = new BoundSocketFactory(InetAddress.getByName(host));
        Registry registry = LocateRegistry.createRegistry(port, null, sockets);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":"
                + port + "/jmxrmi");
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnectorServer.AUTHENTICATOR, new PasswordAuthenticator(user, password));
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        JMXConnectorServer server;
        try {
            server = JMXConnectorServerFactory.newJMXConnectorServer(url, env, ManagementFactory.getPlatformMBeanServer());
            server.start();
        } catch (IOException | RuntimeException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
        LOG.info("JMX connector listening at {} (user {})", url, user);
        return new JmxConnector(registry, server, url);
    }

    public JMXServiceURL url() {
        return url;
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } finally {
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    /** One user, compared in constant time. */
    private record PasswordAuthenticator(String user, String password) implements JMXAuthenticator {
        @Override
        public Subject authenticate(Object credentials) {
            if (credentials instanceof String[] pair && pair.length == 2 && pair[0] != null && pair[1] != null) {
                boolean userOk = MessageDigest.isEqual(bytes(pair[0]), bytes(user));
                boolean passwordOk = MessageDigest.isEqual(bytes(pair[1]), bytes(password));
                if (userOk && passwordOk) {
                    return new Subject(true, Collections.singleton(new JMXPrincipal(pair[0])),
                            Collections.emptySet(), Collections.emptySet());
                }
            }
            throw new SecurityException("JMX login refused");
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Server sockets bound to one address; equal instances let registry and connector share the port. */
    private record BoundSocketFactory(InetAddress address) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }
    }
}
