package io.tokengate.agent.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Init-params produce the same record as the builder; bad values name their init-param. */
class IdentityPropagationConfigTest {
    @Test
    void fromParametersWhenNoneGivenThenDefaults() {
        IdentityPropagationConfig config = IdentityPropagationConfig.fromParameters(name -> null);

        assertFalse(config.includeClientTokens());
        assertEquals(Optional.empty(), config.subjectClaim());
        assertEquals("io.tokengate.agent.SubjectSource", config.contextAttribute());
        assertEquals(IdentityPropagationConfig.defaults(), config);
    }

    @Test
    void fromParametersWhenAllGivenThenSameAsBuilder() {
        Map<String, String> params = Map.of("include-client-tokens", " TRUE ", "subject-claim", "email",
                "context-attribute", "app.subjects");

        assertEquals(IdentityPropagationConfig.builder().includeClientTokens(true).subjectClaim("email")
                .contextAttribute("app.subjects").build(), IdentityPropagationConfig.fromParameters(params::get));
    }

    @Test
    void fromParametersWhenBooleanMalformedThenNamesInitParam() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdentityPropagationConfig.fromParameters(Map.of("include-client-tokens", "1")::get));

        assertTrue(e.getMessage().contains("'include-client-tokens' must be true or false"), e.getMessage());
    }

    @Test
    void builderWhenSubjectClaimHasBlanksThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdentityPropagationConfig.builder().subjectClaim(" email").build());

        assertTrue(e.getMessage().startsWith("subject-claim"), e.getMessage());
    }

    @Test
    void builderWhenContextAttributeBlankThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdentityPropagationConfig.builder().contextAttribute(" ").build());

        assertTrue(e.getMessage().startsWith("context-attribute"), e.getMessage());
    }
}
