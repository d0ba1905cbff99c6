/**
 * Starting midtier: where its routes and kamelets come from, its settings read once and typed, the resources closed
 * when it stops, and refusals that end a start in one line.
 */
package io.midtier.run;
