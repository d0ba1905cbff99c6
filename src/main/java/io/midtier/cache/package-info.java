/**
 * The read path's single flight: one back-end inquiry per key at a time, across the threads of an instance and,
 * through a PostgreSQL advisory lock, across the instances sharing the cache.
 */
package io.midtier.cache;
