/** Runs the real midtier (camel-main, PostgreSQL, Artemis, Narayana, simulator) for tests, and talks to it. */
package io.midtier.testsupport;
