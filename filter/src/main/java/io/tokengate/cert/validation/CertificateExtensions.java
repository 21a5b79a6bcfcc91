package io.tokengate.cert.validation;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The revocation sources a certificate names: OCSP responders in its Authority Information Access
 * extension (RFC 5280 §4.2.2.1) and CRL distribution points (§4.2.1.13). Only http and https URLs
 * are used; LDAP and other schemes are skipped.
 */
final class CertificateExtensions {
    private CertificateExtensions() {
    }

    static List<URI> ocspResponders(X509Certificate certificate) {
        List<URI> out = new ArrayList<>();
        ASN1Primitive value = extension(certificate, Extension.authorityInfoAccess.getId());
        if (value != null) {
            for (AccessDescription d : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                if (AccessDescription.id_ad_ocsp.equals(d.getAccessMethod())) {
                    addHttp(out, d.getAccessLocation());
                }
            }
        }
        return out;
    }

    static List<URI> crlDistributionPoints(X509Certificate certificate) {
        List<URI> out = new ArrayList<>();
        ASN1Primitive value = extension(certificate, Extension.cRLDistributionPoints.getId());
        if (value != null) {
            for (DistributionPoint p : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                DistributionPointName name = p.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                        addHttp(out, g);
                    }
                }
            }
        }
        return out;
    }

    private static ASN1Primitive extension(X509Certificate certificate, String oid) {
        byte[] raw = certificate.getExtensionValue(oid);
        if (raw == null) {
            return null;
        }
        try {
            return JcaX509ExtensionUtils.parseExtensionValue(raw);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void addHttp(List<URI> out, GeneralName name) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return;
        }
        try {
            URI uri = URI.create(((ASN1String) name.getName()).getString());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                out.add(uri);
            }
        } catch (IllegalArgumentException e) {
            // a malformed URL names no usable source
        }
    }
}
