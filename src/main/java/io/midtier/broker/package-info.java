/** Artemis: the embedded broker, the pooled XA connection factory and the JMS component routes use. */
package io.midtier.broker;
