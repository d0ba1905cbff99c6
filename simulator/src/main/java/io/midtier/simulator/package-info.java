/**
 * A stand-in for the mainframe CICS account program: a non-idempotent, latency- and fault-injectable back-end
 * speaking fixed-width COMMAREA records over HTTP, with its own state in the PostgreSQL schema {@code simulator}.
 */
package io.midtier.simulator;
