package io.tokengate.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.tokengate.registry.SecretHash;
import io.tokengate.resource.BearerError;
import io.tokengate.resource.BearerTokenException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminCredentialTest {
    private static final String TOKEN = "w7yZQ2pL0vR8sT4uX6aB1cD3eF5gH9jK";
    private final AdminCredential credential = new AdminCredential(SecretHash.sha256Of(TOKEN));

    @Test
    void checkWhenConfiguredTokenThenAccepted() {
        assertEquals(AdminCredential.Presented.ACCEPTED, credential.check(request("Bearer " + TOKEN)));
    }

    @Test
    void checkWhenSchemeInOtherCaseThenAccepted() {
        assertEquals(AdminCredential.Presented.ACCEPTED, credential.check(request("bearer " + TOKEN)));
    }

    @Test
    void checkWhenBcryptHashConfiguredThenAccepted() {
        AdminCredential bcrypt = new AdminCredential(SecretHash.bcryptOf(TOKEN, 4, new java.security.SecureRandom()));

        assertEquals(AdminCredential.Presented.ACCEPTED, bcrypt.check(request("Bearer " + TOKEN)));
    }

    @Test
    void checkWhenNoAuthorizationHeaderThenMissing() {
        assertEquals(AdminCredential.Presented.MISSING, credential.check(request()));
    }

    @Test
    void checkWhenBasicSchemeThenMissing() {
        assertEquals(AdminCredential.Presented.MISSING, credential.check(request("Basic YWRtaW46c2VjcmV0")));
    }

    @Test
    void checkWhenWrongTokenThenInvalidToken() {
        BearerTokenException e = assertThrows(BearerTokenException.class,
                () -> credential.check(request("Bearer " + TOKEN + "x")));

        assertEquals(BearerError.INVALID_TOKEN, e.error());
        assertEquals(401, e.status());
    }

    @Test
    void checkWhenBearerWithoutTokenThenInvalidRequest() {
        assertEquals(BearerError.INVALID_REQUEST,
                assertThrows(BearerTokenException.class, () -> credential.check(request("Bearer "))).error());
    }

    @Test
    void checkWhenTwoAuthorizationHeadersThenInvalidRequest() {
        assertEquals(BearerError.INVALID_REQUEST, assertThrows(BearerTokenException.class,
                () -> credential.check(request("Bearer " + TOKEN, "Bearer " + TOKEN))).error());
    }

    private static HttpServletRequest request(String... authorization) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Authorization")).thenReturn(Collections.enumeration(List.of(authorization)));
        return request;
    }
}
