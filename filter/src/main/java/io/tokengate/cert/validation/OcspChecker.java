package io.tokengate.cert.validation;

import io.tokengate.cert.validation.PathValidation.ValidPath;
import io.tokengate.cert.validation.RevocationStatus.State;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * RFC 6960 OCSP with BouncyCastle: a request for the leaf with a fresh 16-byte nonce (RFC 8954)
 * POSTed to the policy's responder or the one in the leaf's AIA; the answer believed only when
 * {@link OcspSignerCheck} accepts its signer, its nonce (when the responder sends one) is ours, it
 * is about this certificate, and {@code thisUpdate}/{@code nextUpdate} hold at the current time
 * within the skew. Thread-safe.
 */
final class OcspChecker {
    private final RevocationTransport transport;
    private final SecureRandom random;

    OcspChecker(RevocationTransport transport, SecureRandom random) {
        this.transport = transport;
        this.random = random;
    }

    RevocationStatus check(ValidPath path, RevocationPolicy policy, Instant now, Duration skew) {
        List<URI> responders = policy.ocspResponder().map(List::of)
                .orElseGet(() -> CertificateExtensions.ocspResponders(path.leaf()));
        if (responders.isEmpty()) {
            return RevocationStatus.of(State.NO_SOURCE, "the certificate names no OCSP responder");
        }
        URI responder = responders.get(0);
        CertificateID id;
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] request;
        try {
            id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(path.issuer()), path.leaf().getSerialNumber());
            OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
            b.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded())));
            OCSPReq built = b.build();
            request = built.getEncoded();
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot build an OCSP request", e);
        }
        byte[] answer;
        try {
            answer = transport.post(responder, "application/ocsp-request", request, policy.timeout());
        } catch (IOException e) {
            return RevocationStatus.of(State.UNREACHABLE, "OCSP responder " + responder + " is unreachable ("
                    + e.getMessage() + ")");
        }
        return read(answer, responder, id, nonce, path, policy, now, skew);
    }

    private static RevocationStatus read(byte[] answer, URI responder, CertificateID id, byte[] nonce, ValidPath path,
            RevocationPolicy policy, Instant now, Duration skew) {
        String from = "the OCSP response from " + responder;
        BasicOCSPResp basic;
        try {
            OCSPResp response = new OCSPResp(answer);
            if (response.getStatus() == OCSPResp.TRY_LATER || response.getStatus() == OCSPResp.INTERNAL_ERROR) {
                return RevocationStatus.of(State.UNREACHABLE, "OCSP responder " + responder
                        + " cannot answer now (status " + response.getStatus() + ")");
            }
            if (response.getStatus() != OCSPResp.SUCCESSFUL || !(response.getResponseObject() instanceof BasicOCSPResp b)) {
                return RevocationStatus.of(State.INVALID, from + " is not a successful basic response (status "
                        + response.getStatus() + ")");
            }
            basic = b;
        } catch (IOException | OCSPException | RuntimeException e) {
            return RevocationStatus.of(State.INVALID, from + " is not an OCSP response");
        }
        Optional<String> signer = OcspSignerCheck.problem(basic, path.issuer(), policy.trustedResponders(), now, skew);
        if (signer.isPresent()) {
            return RevocationStatus.of(State.INVALID, from + " " + signer.get());
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed != null && !Arrays.equals(echoed.getExtnValue().getOctets(), nonceValue(nonce))) {
            return RevocationStatus.of(State.INVALID, from + " carries another request's nonce (a replayed answer?)");
        }
        SingleResp single = Arrays.stream(basic.getResponses()).filter(r -> r.getCertID().equals(id)).findFirst()
                .orElse(null);
        if (single == null) {
            return RevocationStatus.of(State.INVALID, from + " is not about this certificate");
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(java.util.Date::toInstant);
        if (thisUpdate.isAfter(now.plus(skew))) {
            return RevocationStatus.of(State.INVALID, from + " is dated in the future (thisUpdate " + thisUpdate + ")");
        }
        Instant usableUntil = nextUpdate.orElse(thisUpdate.plus(policy.maxResponseAge()));
        if (usableUntil.plus(skew).isBefore(now)) {
            return RevocationStatus.of(State.INVALID, from + " is stale (" + (nextUpdate.isPresent()
                    ? "nextUpdate " + usableUntil : "thisUpdate " + thisUpdate + " without nextUpdate") + " has passed)");
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return RevocationStatus.good(usableUntil);
        }
        if (status instanceof RevokedStatus revoked) {
            return RevocationStatus.of(State.REVOKED, "revoked at " + revoked.getRevocationTime().toInstant()
                    + " (OCSP responder " + responder + ")");
        }
        return RevocationStatus.of(State.UNKNOWN, status instanceof UnknownStatus
                ? "unknown to OCSP responder " + responder : "of an unrecognised status at " + responder);
    }

    /** The extnValue of our nonce extension: the DER OCTET STRING around the random bytes. */
    private static byte[] nonceValue(byte[] nonce) {
        try {
            return new DEROctetString(nonce).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509CertificateHolder holder(java.security.cert.X509Certificate c) {
        try {
            return new JcaX509CertificateHolder(c);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
