package io.tokengate.store.jdbc;

import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.cert.Certificates;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.SecretHash;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.Optional;

/** Maps a {@link Client} to a {@code tg_client} row and back; certificates as PEM, the JWKS as JSON (public keys only). */
final class ClientRows {
    static final String COLUMNS = "application_type, client_type, grant_types, auth_methods, certificate_pem,"
            + " certificate_subject_type, certificate_subject, jwks, secret_hash, roles, updated_at";

    private ClientRows() {
    }

    /** Sets the {@link #COLUMNS} from parameter {@code first} on. */
    static void bind(PreparedStatement ps, int first, Client c, long nowMillis) throws SQLException {
        ps.setString(first, c.applicationType().name());
        ps.setString(first + 1, c.clientType().name());
        ps.setString(first + 2, Columns.list(c.grantTypes()));
        ps.setString(first + 3, Columns.orderedList(c.authMethods().stream().map(ClientAuthMethod::value).toList()));
        Columns.setOptional(ps, first + 4, c.certificate().map(Certificates::toPem));
        Columns.setOptional(ps, first + 5, c.certificateSubject().map(s -> s.type().name()));
        Columns.setOptional(ps, first + 6, c.certificateSubject().map(CertificateSubject::value));
        Columns.setOptional(ps, first + 7, c.jwks().map(j -> j.toString(true)));
        Columns.setOptional(ps, first + 8, c.secretHash().map(SecretHash::encoded));
        ps.setString(first + 9, Columns.list(c.roles()));
        ps.setLong(first + 10, nowMillis);
    }

    static Client read(ResultSet rs) throws SQLException {
        String id = rs.getString("client_id");
        Client.Builder b = Client.builder(id)
                .applicationType(ApplicationType.valueOf(rs.getString("application_type")))
                .clientType(ClientType.valueOf(rs.getString("client_type")));
        Columns.list(rs.getString("grant_types")).forEach(b::grantType);
        for (String m : Columns.list(rs.getString("auth_methods"))) {
            b.authMethod(ClientAuthMethod.fromValue(m).orElseThrow(() ->
                    new IllegalStateException("client " + id + " has an unknown stored auth method " + m)));
        }
        Optional.ofNullable(rs.getString("certificate_pem"))
                .map(pem -> Certificates.parseOne(pem.getBytes(StandardCharsets.US_ASCII))).ifPresent(b::certificate);
        String subjectType = rs.getString("certificate_subject_type");
        if (subjectType != null) {
            b.certificateSubject(new CertificateSubject(CertificateSubject.Type.valueOf(subjectType),
                    rs.getString("certificate_subject")));
        }
        String jwks = rs.getString("jwks");
        if (jwks != null) {
            try {
                b.jwks(JWKSet.parse(jwks));
            } catch (ParseException e) {
                throw new IllegalStateException("client " + id + " has a stored JWKS that does not parse", e);
            }
        }
        Optional.ofNullable(rs.getString("secret_hash")).map(SecretHash::parse).ifPresent(b::secretHash);
        Columns.list(rs.getString("roles")).forEach(b::role);
        return b.build();
    }
}
