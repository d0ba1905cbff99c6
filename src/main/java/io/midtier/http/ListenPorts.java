package io.midtier.http;

import io.midtier.run.StartRefused;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Refuses a start whose HTTP or management port another program already listens on. Vert.x binds its servers on
 * its event loop and only logs a failed bind: midtier would run on without its API while its management port
 * reported it ready. Checked before anything else starts, so the refusal is quick and names the setting.
 */
public final class ListenPorts {

    private ListenPorts() {
    }

    /**
     * Binds and releases {@code host:port} as Vert.x would bind it (address reuse on, so a connection of an
     * earlier run still closing does not count). Port 0 (any free port) is never taken.
     */
    public static void requireFree(String setting, String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new StartRefused(setting + "=" + port + ": " + host + ":" + port + " cannot be listened on ("
                    + e.getMessage() + "); another program holds it: stop that one or choose another port");
        }
    }
}
