/**
 * The read path: a GET's lookup and answer (near cache, then the SQL cache), the near cache and its invalidation, and
 * the single flight (one back-end inquiry per key at a time, across the threads of an instance and, through a
 * PostgreSQL advisory lock, across the instances sharing the cache).
 */
package io.midtier.cache;
