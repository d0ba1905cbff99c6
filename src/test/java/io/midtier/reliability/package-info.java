/**
 * The fault-injection harness (issue 5): midtier, an external Artemis broker, the back-end simulator and
 * PostgreSQL as separate processes; concurrent clients; injected faults; invariants checked on the recorded
 * history. See docs/reliability.md.
 */
package io.midtier.reliability;
