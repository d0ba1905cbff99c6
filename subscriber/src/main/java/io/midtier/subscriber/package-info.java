/**
 * The sample subscriber: a JMS client of the changes topic that keeps a local copy in sync, discards stale
 * changes, detects gaps and catches up over HTTP (reloading when the gap is older than the retention window).
 */
package io.midtier.subscriber;
