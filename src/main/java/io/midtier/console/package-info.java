/** The operator console at /console: its static pages from the jar and the one status snapshot they poll. */
package io.midtier.console;
