package io.tokengate.resource;

import java.util.Locale;

/**
 * Which bearer tokens the resource filter sends to the authorization server's RFC 7662
 * introspection endpoint instead of validating them locally as RFC 9068 JWTs.
 */
public enum IntrospectionMode {
    /** Never: every token must be a JWT validated with the issuer's keys (the default). */
    OFF,
    /**
     * Tokens that are not JWTs (not two dots: an opaque handle) are introspected; JWTs are
     * validated locally with the issuer's keys.
     */
    OPAQUE,
    /**
     * Every token is introspected, JWTs included, so a token revoked at the authorization server
     * (RFC 7009) is refused as soon as its cached answer expires; no keys are fetched.
     */
    ALL;

    /** {@code off}, {@code opaque} or {@code all}, in any case. */
    static IntrospectionMode parse(String name, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be off, opaque or all, was '" + value + "'");
        }
    }

    /** Whether a token of this shape goes to introspection. */
    boolean introspects(String token) {
        return switch (this) {
            case OFF -> false;
            case ALL -> true;
            case OPAQUE -> !looksLikeJwt(token);
        };
    }

    /** The JWS compact shape (RFC 7515 §7.1): exactly two dots; unsecured JWTs included, so they are refused locally. */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return second > 0 && token.indexOf('.', second + 1) < 0;
    }
}
