package io.tokengate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokengate.cert.Certificates;
import io.tokengate.cert.validation.CertificateTrustConfig;
import io.tokengate.cert.validation.RevocationPolicy;
import io.tokengate.cert.validation.TrustAnchorPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Parses the {@code certificate_trust} section of the registry file (README, "Client certificate
 * trust and revocation"). Members an anchor leaves out take the server-wide default policy; unknown
 * members are refused, naming the anchor.
 */
final class CertificateTrustSection {
    private static final Set<String> SECTION = Set.of("trust_anchors", "intermediates", "intermediate_files");
    private static final Set<String> ANCHOR = Set.of("certificate", "certificate_file", "revocation", "fail_open",
            "timeout", "ocsp_responder", "ocsp_trusted_responders", "ocsp_trusted_responder_files", "crl_file",
            "max_response_age");

    private CertificateTrustSection() {
    }

    static CertificateTrust parse(JsonNode section, Path base, RevocationPolicy defaults) {
        if (section == null || section.isNull()) {
            return CertificateTrust.none();
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("certificate_trust must be a JSON object");
        }
        onlyKnown(section, SECTION, "certificate_trust");
        List<TrustAnchorPolicy> anchors = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(section, "trust_anchors")) {
            String where = "certificate_trust.trust_anchors[" + i++ + "]";
            try {
                anchors.add(anchor(n, base, defaults, where));
            } catch (IllegalArgumentException e) {
                throw e.getMessage() != null && e.getMessage().startsWith(where) ? e
                        : new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        List<X509Certificate> intermediates = new ArrayList<>(pems(section, "intermediates"));
        for (JsonNode f : array(section, "intermediate_files")) {
            intermediates.addAll(Certificates.read(base.resolve(f.asText())));
        }
        return new CertificateTrust(anchors, intermediates);
    }

    private static TrustAnchorPolicy anchor(JsonNode n, Path base, RevocationPolicy defaults, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        onlyKnown(n, ANCHOR, where);
        X509Certificate anchor;
        if (n.hasNonNull("certificate") == n.hasNonNull("certificate_file")) {
            throw new IllegalArgumentException(where + " needs exactly one of 'certificate' and 'certificate_file'");
        } else if (n.hasNonNull("certificate")) {
            anchor = Certificates.parseOne(n.get("certificate").asText().getBytes(StandardCharsets.US_ASCII));
        } else {
            anchor = one(Certificates.read(base.resolve(n.get("certificate_file").asText())), where);
        }
        RevocationPolicy.Builder p = defaults.toBuilder();
        if (n.has("revocation")) {
            List<String> methods = new ArrayList<>();
            array(n, "revocation").forEach(m -> methods.add(m.asText()));
            p.methods(CertificateTrustConfig.parseMethods(methods.isEmpty() ? "none" : String.join(",", methods)));
        }
        if (n.has("fail_open")) {
            if (!n.get("fail_open").isBoolean()) {
                throw new IllegalArgumentException(where + ": fail_open must be true or false");
            }
            p.failOpen(n.get("fail_open").asBoolean());
        }
        if (n.hasNonNull("timeout")) {
            p.timeout(CertificateTrustConfig.parseDuration(n.get("timeout").asText()));
        }
        if (n.hasNonNull("max_response_age")) {
            p.maxResponseAge(CertificateTrustConfig.parseDuration(n.get("max_response_age").asText()));
        }
        if (n.hasNonNull("ocsp_responder")) {
            p.ocspResponder(URI.create(n.get("ocsp_responder").asText()));
        }
        List<X509Certificate> partners = new ArrayList<>(pems(n, "ocsp_trusted_responders"));
        for (JsonNode f : array(n, "ocsp_trusted_responder_files")) {
            partners.addAll(Certificates.read(base.resolve(f.asText())));
        }
        if (!partners.isEmpty()) {
            p.trustedResponders(partners);
        }
        if (n.hasNonNull("crl_file")) {
            p.crlFile(base.resolve(n.get("crl_file").asText()));
        }
        return new TrustAnchorPolicy(anchor, p.build());
    }

    private static X509Certificate one(List<X509Certificate> found, String where) {
        if (found.size() != 1) {
            throw new IllegalArgumentException(where + ": certificate_file must hold exactly one certificate, found "
                    + found.size());
        }
        return found.get(0);
    }

    private static List<X509Certificate> pems(JsonNode n, String member) {
        List<X509Certificate> out = new ArrayList<>();
        for (JsonNode pem : array(n, member)) {
            out.addAll(Certificates.parse(pem.asText().getBytes(StandardCharsets.US_ASCII)));
        }
        return out;
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

    private static void onlyKnown(JsonNode n, Set<String> known, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown member '" + name + "'");
            }
        }
    }
}
