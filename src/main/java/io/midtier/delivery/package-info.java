/** Shipping accepted updates to the back-end: the update message and its translation into the back-end's request. */
package io.midtier.delivery;
