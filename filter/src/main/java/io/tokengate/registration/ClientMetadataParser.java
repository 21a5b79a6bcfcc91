package io.tokengate.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.cert.Certificates;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the JSON client metadata of a registration request (RFC 7591 §2 and §3.1) into a
 * {@link ClientMetadata}. The members understood are listed in {@link #MEMBERS}; others are
 * ignored, as RFC 7591 §2 requires, and so never stored or echoed back. A member whose value is
 * JSON {@code null} counts as absent. Refusals are {@code invalid_client_metadata} (400) naming the
 * member: a body that is not a JSON object, a member repeated (Jackson's strict duplicate
 * detection), a value of the wrong JSON type, an unknown enumeration value, a {@code certificate}
 * that is not one PEM X.509 certificate, a {@code jwks} that is not a set of public keys,
 * {@code jwks_uri} (not supported: register the keys inline), the two forms of the authentication
 * method disagreeing, or more than one RFC 8705 §2.1.2 name. Thread-safe.
 *
 * <p>{@code application_type} takes {@code confidential} or {@code mobile}; OpenID Connect's
 * values are accepted as synonyms, {@code web} for {@code confidential} and {@code native} for
 * {@code mobile}, and answered with our name.
 */
public final class ClientMetadataParser {
    /** Every member read; RFC 7591 names plus {@code client_type}, {@code certificate}, {@code roles}, {@code token_endpoint_auth_methods}. */
    public static final Set<String> MEMBERS = Set.of("client_id", "client_secret", "application_type", "client_type",
            "grant_types", "token_endpoint_auth_method", "token_endpoint_auth_methods", "certificate",
            "tls_client_auth_subject_dn", "tls_client_auth_san_dns", "tls_client_auth_san_uri", "tls_client_auth_san_ip",
            "tls_client_auth_san_email", "jwks", "jwks_uri", "roles");
    /** Unreserved URI characters only (RFC 3986 §2.3), so the id needs no encoding in the client configuration URL. */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final ObjectMapper mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** @throws OAuth2Exception {@code invalid_client_metadata} naming the member to fix */
    public ClientMetadata parse(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the request body must be a JSON object of client metadata (RFC 7591 §3.1)");
        }
        if (present(root, "jwks_uri")) {
            throw invalid("jwks_uri is not supported; register the public keys inline in 'jwks'");
        }
        return new ClientMetadata(clientId(root), applicationType(root), clientType(root), strings(root, "grant_types"),
                authMethods(root), certificate(root), certificateSubject(root), jwks(root), strings(root, "roles"),
                text(root, "client_secret"));
    }

    private static Optional<String> clientId(JsonNode root) {
        Optional<String> id = text(root, "client_id");
        if (id.isPresent() && !CLIENT_ID.matcher(id.get()).matches()) {
            throw invalid("client_id must be 1 to 128 of the characters A-Z a-z 0-9 . _ ~ -");
        }
        return id;
    }

    private static Optional<ApplicationType> applicationType(JsonNode root) {
        return text(root, "application_type").map(v -> switch (v) {
            case "confidential", "web" -> ApplicationType.CONFIDENTIAL;
            case "mobile", "native" -> ApplicationType.MOBILE;
            default -> throw invalid("application_type '" + v + "' is not one of confidential, mobile"
                    + " (or OpenID Connect's web, native)");
        });
    }

    private static Optional<ClientType> clientType(JsonNode root) {
        return text(root, "client_type").map(v -> switch (v) {
            case "trusted" -> ClientType.TRUSTED;
            case "confidential" -> ClientType.CONFIDENTIAL;
            case "public" -> ClientType.PUBLIC;
            default -> throw invalid("client_type '" + v + "' is not one of trusted, confidential, public");
        });
    }

    /** Both forms may be sent (as the response has them) when the single one is the first of the list. */
    private static List<ClientAuthMethod> authMethods(JsonNode root) {
        Optional<String> single = text(root, "token_endpoint_auth_method");
        List<String> names = strings(root, "token_endpoint_auth_methods");
        if (single.isPresent() && !names.isEmpty() && !names.get(0).equals(single.get())) {
            throw invalid("token_endpoint_auth_method '" + single.get() + "' differs from the first of"
                    + " token_endpoint_auth_methods " + names + "; send one of the two");
        }
        if (names.isEmpty()) {
            names = single.map(List::of).orElse(List.of());
        }
        List<ClientAuthMethod> methods = new ArrayList<>();
        for (String name : names) {
            methods.add(ClientAuthMethod.fromValue(name).orElseThrow(() -> invalid("token endpoint authentication method '"
                    + name + "' is not one of " + Arrays.stream(ClientAuthMethod.values()).map(ClientAuthMethod::value).toList())));
        }
        return methods;
    }

    private static Optional<X509Certificate> certificate(JsonNode root) {
        return text(root, "certificate").map(pem -> {
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw invalid("certificate must be one X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----)");
            }
            try {
                return Certificates.parseOne(pem.getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                // the JDK's parser message names its internals; say what to fix instead
                throw invalid("certificate is not a PEM X.509 certificate: " + (e.getMessage().startsWith("expected exactly")
                        ? e.getMessage() : "the text between the BEGIN and END lines is not a base64 DER certificate;"
                                + " send the whole PEM file, with \\n for its line breaks in the JSON string"));
            }
        });
    }

    private static Optional<CertificateSubject> certificateSubject(JsonNode root) {
        List<CertificateSubject.Type> sent = Arrays.stream(CertificateSubject.Type.values())
                .filter(t -> present(root, t.metadataName())).toList();
        if (sent.size() > 1) {
            throw invalid("register only one of tls_client_auth_subject_dn and tls_client_auth_san_* (RFC 8705 §2.1.2),"
                    + " found " + sent.stream().map(CertificateSubject.Type::metadataName).toList());
        }
        return sent.stream().findFirst().map(type -> {
            String value = text(root, type.metadataName()).orElseThrow();
            try {
                return new CertificateSubject(type, value);
            } catch (IllegalArgumentException e) {
                throw invalid(type.metadataName() + " '" + value + "' is not a distinguished name: " + e.getMessage());
            }
        });
    }

    private Optional<JWKSet> jwks(JsonNode root) {
        if (!present(root, "jwks")) {
            return Optional.empty();
        }
        JWKSet set;
        try {
            set = JWKSet.parse(mapper.writeValueAsString(root.get("jwks")));
        } catch (JsonProcessingException | ParseException e) {
            throw invalid("jwks is not a JWK set (RFC 7517 §5): " + e.getMessage());
        }
        if (set.getKeys().isEmpty()) {
            throw invalid("jwks holds no key");
        }
        if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
            throw invalid("jwks holds a private key; register public keys only, and keep the private key with the client");
        }
        return Optional.of(set);
    }

    private static boolean present(JsonNode root, String member) {
        return root.hasNonNull(member);
    }

    private static Optional<String> text(JsonNode root, String member) {
        if (!present(root, member)) {
            return Optional.empty();
        }
        JsonNode v = root.get(member);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw invalid(member + " must be a non-empty string");
        }
        return Optional.of(v.asText());
    }

    private static List<String> strings(JsonNode root, String member) {
        if (!present(root, member)) {
            return List.of();
        }
        JsonNode array = root.get(member);
        if (!array.isArray()) {
            throw invalid(member + " must be an array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : array) {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw invalid(member + " must be an array of non-empty strings");
            }
            out.add(v.asText());
        }
        return List.copyOf(out);
    }

    static OAuth2Exception invalid(String description) {
        return new OAuth2Exception(ErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
