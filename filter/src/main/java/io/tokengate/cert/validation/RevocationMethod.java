package io.tokengate.cert.validation;

import java.util.Locale;

/** How a certificate's revocation status is found out. */
public enum RevocationMethod {
    /** RFC 6960 Online Certificate Status Protocol. */
    OCSP,
    /** RFC 5280 §5 certificate revocation list. */
    CRL;

    /** @throws IllegalArgumentException unless {@code value} is {@code ocsp} or {@code crl} */
    public static RevocationMethod parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "ocsp" -> OCSP;
            case "crl" -> CRL;
            default -> throw new IllegalArgumentException("revocation method must be 'ocsp' or 'crl', was '" + value + "'");
        };
    }
}
