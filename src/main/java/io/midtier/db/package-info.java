/** PostgreSQL access: the XA datasource pool, the start-up check of the server, the schema migrations. */
package io.midtier.db;
