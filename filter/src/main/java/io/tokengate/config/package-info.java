/** Configuration records with validating builders, read from code or {@code web.xml} init-params alike. */
package io.tokengate.config;
