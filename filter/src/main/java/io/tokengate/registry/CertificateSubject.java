package io.tokengate.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The name a PKI client's certificate must carry (RFC 8705 §2.1.2): the subject DN, or one
 * subject alternative name of a given type. Immutable.
 *
 * @param type  which field is compared
 * @param value the registered value (a DN in RFC 4514 form, a DNS name, URI, IP address or e-mail)
 */
public record CertificateSubject(Type type, String value) {

    /** The RFC 8705 §2.1.2 client metadata names. */
    public enum Type {
        SUBJECT_DN("tls_client_auth_subject_dn", -1),
        SAN_DNS("tls_client_auth_san_dns", 2),
        SAN_URI("tls_client_auth_san_uri", 6),
        SAN_IP("tls_client_auth_san_ip", 7),
        SAN_EMAIL("tls_client_auth_san_email", 1);

        private final String metadataName;
        private final int generalNameTag;

        Type(String metadataName, int generalNameTag) {
            this.metadataName = metadataName;
            this.generalNameTag = generalNameTag;
        }

        public String metadataName() {
            return metadataName;
        }
    }

    public CertificateSubject {
        if (type == Type.SUBJECT_DN) {
            new X500Principal(value); // refuses a malformed DN at load time
        }
    }

    /** Whether {@code certificate} carries this name (DNs compared in canonical form, DNS names case-insensitively). */
    public boolean matches(X509Certificate certificate) {
        if (type == Type.SUBJECT_DN) {
            return certificate.getSubjectX500Principal().equals(new X500Principal(value));
        }
        return alternativeNames(certificate).stream()
                .filter(entry -> entry.size() == 2 && entry.get(0) instanceof Integer tag && tag == type.generalNameTag)
                .map(entry -> String.valueOf(entry.get(1)))
                .anyMatch(this::sameName);
    }

    private boolean sameName(String presented) {
        if (type == Type.SAN_IP && value.indexOf(':') >= 0) {
            // IPv6: registered in RFC 5952 form, rendered by the JDK uncompressed; compare the addresses
            byte[] registered = ipv6Literal(value);
            return registered != null && Arrays.equals(registered, ipv6Literal(presented));
        }
        return type == Type.SAN_DNS || type == Type.SAN_EMAIL
                ? presented.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))
                : presented.equals(value);
    }

    /** The bytes of an IPv6 literal, or null; never a DNS lookup (InetAddress parses text with ':' itself). */
    private static byte[] ipv6Literal(String s) {
        if (s.indexOf(':') < 0 || !(Character.digit(s.charAt(0), 16) >= 0 || s.charAt(0) == ':')
                || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            return Optional.ofNullable(certificate.getSubjectAlternativeNames()).orElse(List.of());
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return type.metadataName + "=" + value;
    }
}
