package io.tokengate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quoteWhenPlainTextThenWrappedInQuotes() {
        assertEquals("\"orders.read\"", JsonText.quote("orders.read"));
    }

    @Test
    void quoteWhenQuoteAndBackslashThenEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", JsonText.quote("a\"b\\c"));
    }

    @Test
    void quoteWhenControlCharactersThenEscaped() {
        assertEquals("\"\\n\\r\\t\\u0001\"", JsonText.quote("\n\r\t\u0001"));
    }

    @Test
    void quoteWhenHtmlSensitiveCharactersThenUnicodeEscaped() {
        String quoted = JsonText.quote("</script>&");

        assertFalse(quoted.contains("<") || quoted.contains(">") || quoted.contains("&"), quoted);
    }

    @Test
    void quoteWhenAnyTextThenJsonParserReadsItBack() throws Exception {
        String text = "é \u2028 \u2029 \"x\" \\ <a href='y'> \u0000 😀";

        assertEquals(text, new ObjectMapper().readValue(JsonText.quote(text), String.class));
    }
}
