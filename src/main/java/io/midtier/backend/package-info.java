/**
 * The back-end's record formats (COMMAREA-style fixed-width layouts, mapped with Bindy) and the mapping
 * between them and the JSON the front-end sees.
 */
package io.midtier.backend;
