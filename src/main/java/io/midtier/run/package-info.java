/** Starting midtier: where its routes and kamelets come from, and refusals that end a start in one line. */
package io.midtier.run;
