package io.tokengate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.token.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline: what the signature alone costs, single-threaded, for the {@link SampleToken}
 * payload. {@code sign} computes the JWS signature over a prepared signing input
 * (base64url header "." base64url claims), nothing else; {@code parseAndVerify} parses the
 * compact serialisation and verifies it, as a resource server does. Keys are made by
 * {@link SigningKeys#generate}: EC P-256, RSA 2048.
 * <p>Throughput in ops/s by default; the average time per operation with
 * {@code -bm avgt -tu us}. Single-threaded, one fork, 3 × 2 s warm-up and 5 × 2 s measurement.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    /** {@code key} as BouncyCastle's own key object, which keeps its curve parameters between signatures. */
    static <K extends Key> K bouncyCastleKey(K key) {
        try {
            @SuppressWarnings("unchecked")
            K translated = (K) KeyFactory.getInstance("EC", BOUNCY_CASTLE).translateKey(key);
            return translated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot translate the EC key", e);
        }
    }

    /**
     * Which algorithm and JCA provider signs: "-BC" is BouncyCastle's provider given the key as
     * Nimbus hands it over (a JDK key object, as {@code SigningKey} does), "-BCKEY" BouncyCastle's
     * provider given the key translated once into BouncyCastle's own key object, "-JDK" the JDK's.
     */
    @State(Scope.Benchmark)
    public static class Signing {
        @Param({"ES256-BC", "ES256-BCKEY", "ES256-JDK", "RS256-JDK", "PS256-JDK"})
        public String algorithm;

        JWSSigner signer;
        JWSHeader header;
        byte[] signingInput;

        @Setup
        public void setUp() throws JOSEException {
            JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.substring(0, algorithm.indexOf('-')));
            JWK key = SigningKeys.generate(alg);
            if (key instanceof ECKey ec) {
                ECDSASigner s = algorithm.endsWith("-BCKEY")
                        ? new ECDSASigner(bouncyCastleKey(ec.toECPrivateKey()), ec.getCurve())
                        : new ECDSASigner(ec);
                if (algorithm.contains("-BC")) {
                    s.getJCAContext().setProvider(BOUNCY_CASTLE);
                }
                signer = s;
            } else {
                RSASSASigner s = new RSASSASigner((RSAKey) key);
                if (algorithm.endsWith("-BC")) {
                    s.getJCAContext().setProvider(BOUNCY_CASTLE);
                }
                signer = s;
            }
            header = SampleToken.header(alg, key.getKeyID());
            signingInput = (header.toBase64URL() + "." + Base64URL.encode(SampleToken.claims().toString()))
                    .getBytes(StandardCharsets.US_ASCII);
            SignedJWT check = new SignedJWT(header, SampleToken.claims());
            check.sign(signer);
            JWSVerifier jdk = key instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey())
                    : new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
            if (!check.verify(jdk)) {
                throw new IllegalStateException(algorithm + " made a signature that does not verify");
            }
        }
    }

    /** A token signed once at set-up; the benchmark parses and verifies it again and again. */
    @State(Scope.Benchmark)
    public static class Verifying {
        @Param({"ES256-BC", "ES256-BCKEY", "ES256-JDK", "RS256-JDK"})
        public String algorithm;

        JWSVerifier verifier;
        String token;

        @Setup
        public void setUp() throws JOSEException {
            JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.substring(0, algorithm.indexOf('-')));
            JWK key = SigningKeys.generate(alg);
            SignedJWT jwt = new SignedJWT(SampleToken.header(alg, key.getKeyID()), SampleToken.claims());
            if (key instanceof ECKey ec) {
                jwt.sign(new ECDSASigner(ec));
                ECDSAVerifier v = new ECDSAVerifier(algorithm.endsWith("-BCKEY")
                        ? (ECPublicKey) bouncyCastleKey(ec.toECPublicKey()) : ec.toECPublicKey());
                if (algorithm.contains("-BC")) {
                    v.getJCAContext().setProvider(BOUNCY_CASTLE);
                }
                verifier = v;
            } else {
                jwt.sign(new RSASSASigner((RSAKey) key));
                verifier = new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
            }
            token = jwt.serialize();
            if (!verify()) {
                throw new IllegalStateException("the sample token does not verify with " + algorithm);
            }
        }

        boolean verify() throws JOSEException {
            try {
                return SignedJWT.parse(token).verify(verifier);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Benchmark
    public Base64URL sign(Signing s) throws JOSEException {
        return s.signer.sign(s.header, s.signingInput);
    }

    @Benchmark
    public boolean parseAndVerify(Verifying v) throws JOSEException {
        boolean valid = v.verify();
        if (!valid) {
            throw new IllegalStateException("signature did not verify");
        }
        return valid;
    }
}
