package io.tokengate.assertion.saml;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the SAML 2.0 bearer assertion validator accepts (RFC 7522 §3). Immutable; made with
 * {@link #builder()}, which checks each value where it is set and refuses an incomplete set at
 * {@link Builder#build()} with a message naming the missing option.
 *
 * @param trustedIssuers       issuer entity ID (the assertion's {@code <Issuer>}) to the
 *                             certificates whose keys may sign its assertions (§3 item 1, 9); may be
 *                             empty when the validator finds its issuers elsewhere (the Trusted clients
 *                             of the client store), and an issuer found nowhere is refused
 * @param acceptableRecipients URLs accepted as the bearer {@code SubjectConfirmationData Recipient}:
 *                             the token endpoint, the server's issuer, {@code https://<domain>/} and
 *                             the SP single sign-on endpoint an identity provider may be set up with (§3 item 5)
 * @param acceptableAudiences  values accepted as {@code <Audience>}: the server's issuer and token endpoint URL (§3 item 2)
 * @param clockSkew            tolerance for every time comparison, 0 to 10 minutes; default 60 seconds
 * @param maxEncodedSize       largest {@code assertion} parameter accepted, in characters; default 64 KiB
 */
public record SamlBearerValidationSettings(
        Map<String, List<X509Certificate>> trustedIssuers,
        Set<String> acceptableRecipients,
        Set<String> acceptableAudiences,
        Duration clockSkew,
        int maxEncodedSize) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ENCODED_SIZE = 64 * 1024;

    public SamlBearerValidationSettings {
        Objects.requireNonNull(trustedIssuers, "trustedIssuers");
        var issuers = new LinkedHashMap<String, List<X509Certificate>>();
        trustedIssuers.forEach((issuer, certificates) -> issuers.put(checkIssuer(issuer), checkCertificates(issuer, certificates)));
        trustedIssuers = java.util.Collections.unmodifiableMap(issuers);
        acceptableRecipients = checkUrls("acceptableRecipients", acceptableRecipients);
        acceptableAudiences = checkValues("acceptableAudiences", acceptableAudiences);
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and 10 minutes, was " + clockSkew);
        }
        if (maxEncodedSize < 1024 || maxEncodedSize > 1024 * 1024) {
            throw new IllegalArgumentException("maxEncodedSize must be between 1024 and 1048576, was " + maxEncodedSize);
        }
    }

    /** A builder with the default clock skew and size limit and nothing trusted yet. */
    public static Builder builder() {
        return new Builder();
    }

    private static String checkIssuer(String issuer) {
        if (issuer == null || issuer.isBlank() || !issuer.strip().equals(issuer)) {
            throw new IllegalArgumentException("trusted issuer entity ID must be non-empty without surrounding spaces, was '"
                    + issuer + "'");
        }
        return issuer;
    }

    private static List<X509Certificate> checkCertificates(String issuer, List<X509Certificate> certificates) {
        if (certificates == null || certificates.isEmpty() || certificates.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("trusted issuer '" + issuer + "' needs at least one signing certificate, and no null");
        }
        return List.copyOf(certificates);
    }

    private static Set<String> checkValues(String option, Set<String> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(option + " must contain at least one value");
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(option + " must not contain an empty value");
            }
        }
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static Set<String> checkUrls(String option, Set<String> values) {
        Set<String> checked = checkValues(option, values);
        for (String value : checked) {
            try {
                URI uri = new URI(value);
                if (!uri.isAbsolute() || uri.getHost() == null) {
                    throw new IllegalArgumentException(option + " must hold absolute URLs, was '" + value + "'");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(option + " must hold absolute URLs, was '" + value + "'");
            }
        }
        return checked;
    }

    /** Sets each option once; every value is checked when {@link #build()} makes the record. */
    public static final class Builder {
        private final Map<String, List<X509Certificate>> trustedIssuers = new LinkedHashMap<>();
        private final Set<String> recipients = new LinkedHashSet<>();
        private final Set<String> audiences = new LinkedHashSet<>();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private int maxEncodedSize = DEFAULT_MAX_ENCODED_SIZE;

        private Builder() {
        }

        /** Trusts {@code issuerEntityId} to sign assertions with the key of any of {@code certificates}. */
        public Builder trustIssuer(String issuerEntityId, List<X509Certificate> certificates) {
            checkIssuer(issuerEntityId);
            if (trustedIssuers.containsKey(issuerEntityId)) {
                throw new IllegalArgumentException("trusted issuer '" + issuerEntityId + "' is set twice; "
                        + "pass all its certificates in one call");
            }
            trustedIssuers.put(issuerEntityId, checkCertificates(issuerEntityId, certificates));
            return this;
        }

        public Builder trustIssuer(String issuerEntityId, X509Certificate... certificates) {
            return trustIssuer(issuerEntityId, java.util.Arrays.asList(certificates));
        }

        /** Adds Recipient URLs: typically the token endpoint, issuer, {@code https://<domain>/} and SP SSO endpoint. */
        public Builder acceptRecipients(String... urls) {
            recipients.addAll(List.of(urls));
            return this;
        }

        /** Adds Audience values: typically the server's issuer and its token endpoint URL. */
        public Builder acceptAudiences(String... audienceValues) {
            audiences.addAll(List.of(audienceValues));
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew");
            return this;
        }

        public Builder maxEncodedSize(int characters) {
            this.maxEncodedSize = characters;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is missing or out of range */
        public SamlBearerValidationSettings build() {
            return new SamlBearerValidationSettings(trustedIssuers, recipients, audiences, clockSkew, maxEncodedSize);
        }
    }
}
