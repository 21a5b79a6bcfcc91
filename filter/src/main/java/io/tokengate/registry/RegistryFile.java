package io.tokengate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.cert.Certificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads the registry from its JSON configuration file (documented in the README under
 * "Registry file"). Unknown members are refused so that a typo fails at start-up rather than
 * silently weakening a client's profile; every error names the client and the member to fix.
 */
public final class RegistryFile {
    private static final Set<String> TOP = Set.of("resource_servers", "application_roles", "clients", "trusted_issuers",
            "certificate_trust");
    private static final Set<String> ISSUER_MEMBERS = Set.of("issuer", "type", "certificates", "certificate_files",
            "jwks", "jwks_uri", "algorithms");
    private static final Set<String> CLIENT_MEMBERS = Set.of("client_id", "application_type", "client_type",
            "grant_types", "token_endpoint_auth_methods", "certificate", "certificate_file",
            "tls_client_auth_subject_dn", "tls_client_auth_san_dns", "tls_client_auth_san_uri",
            "tls_client_auth_san_ip", "tls_client_auth_san_email", "jwks", "client_secret_hash", "roles");

    private final ObjectMapper mapper;

    public RegistryFile(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @throws IllegalArgumentException saying which entry of the file is wrong and why */
    public InMemoryRegistry load(Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read registry file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(root, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("registry file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's {@code certificate_trust} section; anchors listed without a policy member take
     * {@code defaults}'s.
     *
     * @throws IllegalArgumentException saying which entry of the section is wrong and why
     */
    public CertificateTrust loadCertificateTrust(Path file, io.tokengate.cert.validation.RevocationPolicy defaults) {
        try {
            JsonNode root = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return CertificateTrustSection.parse(root.get("certificate_trust"), file.toAbsolutePath().getParent(), defaults);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read registry file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("registry file " + file + ": " + e.getMessage(), e);
        }
    }

    InMemoryRegistry parse(JsonNode root, Path baseDirectory) {
        requireObject(root, "the registry");
        onlyKnown(root, TOP, "the registry");
        List<ResourceServer> servers = new ArrayList<>();
        for (JsonNode n : array(root, "resource_servers")) {
            requireObject(n, "a resource server");
            onlyKnown(n, Set.of("audience", "scopes"), "resource server " + n.path("audience").asText());
            servers.add(new ResourceServer(text(n, "audience", "a resource server"),
                    Set.copyOf(strings(n, "scopes"))));
        }
        List<ApplicationRole> roles = new ArrayList<>();
        for (JsonNode n : array(root, "application_roles")) {
            requireObject(n, "an application role");
            onlyKnown(n, Set.of("name", "scopes"), "application role " + n.path("name").asText());
            roles.add(new ApplicationRole(text(n, "name", "an application role"), Set.copyOf(strings(n, "scopes"))));
        }
        List<Client> clients = new ArrayList<>();
        for (JsonNode n : array(root, "clients")) {
            clients.add(client(n, baseDirectory));
        }
        List<TrustedIssuer> issuers = new ArrayList<>();
        for (JsonNode n : array(root, "trusted_issuers")) {
            issuers.add(trustedIssuer(n, baseDirectory));
        }
        return new InMemoryRegistry(clients, roles, servers, issuers);
    }

    private Client client(JsonNode n, Path baseDirectory) {
        String id = text(n, "client_id", "a client");
        String where = "client " + id;
        try {
            return client(n, baseDirectory, id, where);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private Client client(JsonNode n, Path baseDirectory, String id, String where) {
        onlyKnown(n, CLIENT_MEMBERS, where);
        Client.Builder b = Client.builder(id)
                .applicationType(enumValue(ApplicationType.class, n, "application_type", "confidential", where))
                .clientType(enumValue(ClientType.class, n, "client_type", "confidential", where));
        strings(n, "grant_types").forEach(b::grantType);
        for (String m : strings(n, "token_endpoint_auth_methods")) {
            b.authMethod(ClientAuthMethod.fromValue(m).orElseThrow(() -> new IllegalArgumentException(
                    where + ": unknown token_endpoint_auth_methods entry '" + m + "'")));
        }
        if (n.hasNonNull("certificate")) {
            b.certificate(Certificates.parseOne(n.get("certificate").asText().getBytes(StandardCharsets.US_ASCII)));
        } else if (n.hasNonNull("certificate_file")) {
            Path file = baseDirectory.resolve(n.get("certificate_file").asText());
            List<java.security.cert.X509Certificate> found = Certificates.read(file);
            if (found.size() != 1) {
                throw new IllegalArgumentException("certificate_file " + file + " must hold exactly one certificate, found "
                        + found.size());
            }
            b.certificate(found.get(0));
        }
        List<CertificateSubject.Type> names = java.util.Arrays.stream(CertificateSubject.Type.values())
                .filter(t -> n.hasNonNull(t.metadataName())).toList();
        if (names.size() > 1) {
            throw new IllegalArgumentException("register only one of tls_client_auth_subject_dn and"
                    + " tls_client_auth_san_* (RFC 8705 §2.1.2), found " + names.size());
        }
        names.forEach(t -> b.certificateSubject(new CertificateSubject(t, n.get(t.metadataName()).asText())));
        if (n.hasNonNull("jwks")) {
            try {
                b.jwks(JWKSet.parse(mapper.writeValueAsString(n.get("jwks"))));
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException(where + ": jwks is not a JWK set: " + e.getMessage(), e);
            }
        }
        if (n.hasNonNull("client_secret_hash")) {
            b.secretHash(SecretHash.parse(n.get("client_secret_hash").asText()));
        }
        strings(n, "roles").forEach(b::role);
        Client client = b.build();
        ClientProfiles.check(client);
        return client;
    }

    private TrustedIssuer trustedIssuer(JsonNode n, Path baseDirectory) {
        String issuer = text(n, "issuer", "a trusted issuer");
        String where = "trusted issuer " + issuer;
        onlyKnown(n, ISSUER_MEMBERS, where);
        try {
            TrustedIssuer.Type type = enumValue(TrustedIssuer.Type.class, n, "type", "", where);
            List<java.security.cert.X509Certificate> certificates = new ArrayList<>();
            for (String pem : strings(n, "certificates")) {
                certificates.addAll(Certificates.parse(pem.getBytes(StandardCharsets.US_ASCII)));
            }
            for (String file : strings(n, "certificate_files")) {
                certificates.addAll(Certificates.read(baseDirectory.resolve(file)));
            }
            java.util.Optional<JWKSet> jwks = java.util.Optional.empty();
            if (n.hasNonNull("jwks")) {
                jwks = java.util.Optional.of(JWKSet.parse(mapper.writeValueAsString(n.get("jwks"))));
            }
            java.util.Optional<java.net.URI> jwksUri = n.hasNonNull("jwks_uri")
                    ? java.util.Optional.of(httpsUri(n.get("jwks_uri").asText(), where)) : java.util.Optional.empty();
            Set<com.nimbusds.jose.JWSAlgorithm> algorithms = new java.util.HashSet<>();
            strings(n, "algorithms").forEach(a -> algorithms.add(com.nimbusds.jose.JWSAlgorithm.parse(a)));
            return new TrustedIssuer(issuer, type, certificates, jwks, jwksUri, algorithms);
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException(where + ": jwks is not a JWK set: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().contains(issuer) ? e
                    : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** Keys fetched over plain HTTP could be replaced by anyone on the path, and would then sign users in. */
    private static java.net.URI httpsUri(String value, String where) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(where + ": jwks_uri must be an absolute https URL, was '" + value + "'");
        }
        return uri;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode n, String member, String fallback, String where) {
        String value = n.hasNonNull(member) ? n.get(member).asText() : fallback;
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + member + " '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static void requireObject(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
    }

    private static void onlyKnown(JsonNode n, Set<String> known, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown member '" + name + "'");
            }
        }
    }

    private static Iterable<JsonNode> array(JsonNode n, String member) {
        JsonNode a = n.get(member);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException(member + " must be an array");
        }
        return a;
    }

    private static List<String> strings(JsonNode n, String member) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(n, member)) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(member + " must be an array of strings");
            }
            out.add(v.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String member, String where) {
        requireObject(n, where);
        JsonNode v = n.get(member);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + " needs a non-empty '" + member + "'");
        }
        return v.asText();
    }
}
