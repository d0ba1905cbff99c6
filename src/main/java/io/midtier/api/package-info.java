/** The HTTP face: request validation, the JSON error body, and which headers may cross the boundary. */
package io.midtier.api;
