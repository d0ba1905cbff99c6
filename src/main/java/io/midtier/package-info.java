/** midtier's entry point and the wiring of its beans and infrastructure. */
package io.midtier;
