/**
 * Shipping accepted updates to the back-end: the update message and its translation into the back-end's request,
 * what a back-end reply means (applied, rejected for good, retry), delivery attempts recorded where a rollback
 * cannot erase them, dead letters, and the backlog watch that warns before the updates queue fills up.
 */
package io.midtier.delivery;
