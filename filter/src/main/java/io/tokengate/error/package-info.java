/** The single OAuth 2.0 error type, its code-to-status table and the JSON error writer (RFC 6749 §5.2). */
package io.tokengate.error;
