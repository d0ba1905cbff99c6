/** Call-back orders: submitted at once, answered later and out of order on a reply queue, correlated by order id. */
package io.midtier.orders;
