/**
 * The API server below the routes (Vert.x): requests refused before any route runs (a path parameter given
 * again as a query parameter or header, a body that stalls) and JSON bodies for the errors the router answers
 * itself (404, 405, 406, 413...), and the worker pools the routes run on, which hand the next request to the worker
 * that went idle last ({@link io.midtier.http.HotWorkerPools}).
 */
package io.midtier.http;
