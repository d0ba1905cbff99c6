/** The change log: gap-free sequence numbers, publication on the changes topic, catch-up over HTTP and SSE. */
package io.midtier.changes;
