/**
 * Resource owners for the password grant (RFC 6749 §4.3): the user directory, the users file, and
 * password hashing (Argon2id, with bcrypt accepted for imported users).
 */
package io.tokengate.user;
