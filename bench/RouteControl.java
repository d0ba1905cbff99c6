import com.sun.tools.attach.VirtualMachine;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Suspends or resumes one route of a running midtier through Camel's route MBean (org.apache.camel:type=routes):
 * bench/run.sh queues a backlog of updates with backend-delivery suspended, then times its drain. It attaches to
 * the JVM by process id, as jconsole does (the same user; the JVM starts its local management agent on the first
 * attach), so the bench needs no JMX port of its own and midtier's password-protected connector stays off.
 * Suspending the delivery route stops its JMS listener once the deliveries under way are done; nothing is left
 * buffered in it (midtier's consumers prefetch no message), the updates wait on the queue.
 *
 * Usage: java bench/RouteControl.java PID ROUTE_ID suspend|resume
 * prints one line: STATE route_state epoch_ms (the state after the operation; the time just before it)
 */
public class RouteControl {

    public static void main(String[] args) throws Exception {
        String pid = args[0];
        String route = args[1];
        String operation = args[2];
        if (!operation.equals("suspend") && !operation.equals("resume")) {
            throw new IllegalArgumentException("suspend or resume, not " + operation);
        }
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            Set<ObjectName> names = server.queryNames(
                    new ObjectName("org.apache.camel:context=*,type=routes,name=" + ObjectName.quote(route)), null);
            if (names.size() != 1) {
                throw new IllegalStateException("expected one route MBean named " + route + ", found " + names);
            }
            ObjectName name = names.iterator().next();
            long at = System.currentTimeMillis();
            server.invoke(name, operation, new Object[0], new String[0]);
            System.out.printf("STATE %s %d%n", server.getAttribute(name, "State"), at);
        }
    }
}
