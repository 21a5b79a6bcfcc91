package io.tokengate.registry;

/**
 * Refuses client profiles that cannot work or would be unsafe, with a message saying what to fix:
 * each registered authentication method must have its credential, and a mobile application is a
 * public client with no certificate or secret.
 */
public final class ClientProfiles {
    private ClientProfiles() {
    }

    /** @throws IllegalArgumentException naming the client and what is missing or contradictory */
    public static void check(Client c) {
        String who = "client " + c.clientId();
        if (c.authMethods().isEmpty()) {
            throw new IllegalArgumentException(who + ": token_endpoint_auth_methods is empty");
        }
        if (c.isPublic() && c.authMethods().stream().anyMatch(m -> m != ClientAuthMethod.NONE)) {
            throw new IllegalArgumentException(who + ": a mobile application or public client can only use"
                    + " token_endpoint_auth_methods [\"none\"]; it cannot keep a certificate or secret");
        }
        if (!c.isPublic() && c.hasAuthMethod(ClientAuthMethod.NONE)) {
            throw new IllegalArgumentException(who + ": auth method 'none' is only for mobile applications");
        }
        if (c.hasAuthMethod(ClientAuthMethod.TLS_CLIENT_AUTH) && c.certificate().isEmpty()
                && c.certificateSubject().isEmpty()) {
            throw new IllegalArgumentException(who + ": tls_client_auth needs an imported 'certificate' or a"
                    + " tls_client_auth_subject_dn / tls_client_auth_san_* name");
        }
        if (c.hasAuthMethod(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH)
                && c.jwks().map(s -> s.getKeys().stream().noneMatch(k -> k.getX509CertChain() != null)).orElse(true)) {
            throw new IllegalArgumentException(who + ": self_signed_tls_client_auth needs a 'jwks' with the certificate in x5c");
        }
        if (c.hasAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT) && c.certificate().isEmpty() && c.jwks().isEmpty()) {
            throw new IllegalArgumentException(who + ": private_key_jwt needs an imported 'certificate' or a 'jwks'");
        }
        if ((c.hasAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC) || c.hasAuthMethod(ClientAuthMethod.CLIENT_SECRET_POST))
                && c.secretHash().isEmpty()) {
            throw new IllegalArgumentException(who + ": client_secret_basic and client_secret_post need a client_secret_hash");
        }
    }

    /**
     * Runs {@code check} on every certificate the client's profile imports: its {@code certificate}
     * and the {@code x5c} certificates of its JWKS.
     *
     * @throws IllegalArgumentException naming the client and saying why a certificate is refused
     */
    public static void checkCertificates(Client c, io.tokengate.cert.validation.CertificateImportCheck check) {
        c.certificate().ifPresent(cert -> check.check(c.clientId(), java.util.List.of(cert)));
        c.jwks().ifPresent(set -> set.getKeys().stream()
                .filter(k -> k.getX509CertChain() != null && !k.getX509CertChain().isEmpty())
                .forEach(k -> {
                    java.util.List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
                    k.getX509CertChain().forEach(b -> chain.add(com.nimbusds.jose.util.X509CertUtils.parse(b.decode())));
                    if (chain.stream().noneMatch(java.util.Objects::isNull)) {
                        check.check(c.clientId(), chain);
                    }
                }));
    }
}
