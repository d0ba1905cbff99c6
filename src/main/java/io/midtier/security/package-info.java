/** Who may call midtier: HTTP basic users and roles, and the start-up guard against development passwords. */
package io.midtier.security;
