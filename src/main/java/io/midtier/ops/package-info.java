/** Running midtier: readiness checks, the JMX connector, midtier's own MBean and meters. */
package io.midtier.ops;
