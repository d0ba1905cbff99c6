/** Narayana transaction manager, its recovery manager and the Camel transaction policy that routes use. */
package io.midtier.tx;
