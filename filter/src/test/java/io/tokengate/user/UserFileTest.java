package io.tokengate.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.testing.TestUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserFileTest {
    private static final String BCRYPT = "$2y$05$ABCDEFGHIJKLMNOPQRSTUuKGxkAaoBVtx5pBUbkcmXJ9X86rN9gCi";

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();
    private final String aliceHash = TestUsers.hasher().hash(TestUsers.PASSWORD).encoded();

    @Test
    void loadWhenValidFileThenUsersFoundWithTheirHashesAndStates() throws IOException {
        UserFile users = load("""
                {"users": [
                  {"username": "alice", "password_hash": "%s"},
                  {"username": "bob", "password_hash": "{bcrypt}%s", "enabled": false},
                  {"username": "carol", "password_hash": "%s", "enabled": true}
                ]}""".formatted(aliceHash, BCRYPT, BCRYPT));

        assertEquals(3, users.size());
        User alice = users.find("alice").orElseThrow();
        assertTrue(alice.enabled());
        assertTrue(alice.passwordHash().matches(TestUsers.PASSWORD));
        User bob = users.find("bob").orElseThrow();
        assertFalse(bob.enabled());
        assertTrue(bob.passwordHash().matches(TestUsers.PASSWORD));
        assertTrue(users.find("carol").orElseThrow().enabled());
    }

    @Test
    void findWhenUnknownOrOtherCaseThenEmpty() throws IOException {
        UserFile users = load("{\"users\":[{\"username\":\"alice\",\"password_hash\":\"" + aliceHash + "\"}]}");

        assertEquals(Optional.empty(), users.find("mallory"));
        assertEquals(Optional.empty(), users.find("Alice"));
        assertEquals(Optional.empty(), users.find("alice "));
    }

    @Test
    void loadWhenNoUsersThenEmptyDirectory() throws IOException {
        assertEquals(0, load("{\"users\":[]}").size());
    }

    @Test
    void loadWhenHashMalformedThenRefusedNamingFileAndUserButNotTheHash() throws IOException {
        IllegalArgumentException e = refused("{\"users\":[{\"username\":\"alice\",\"password_hash\":\"hunter2-plain\"}]}");

        assertTrue(e.getMessage().contains("users file " + dir.resolve("users.json")), e.getMessage());
        assertTrue(e.getMessage().contains("user alice: a password hash must be"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void loadWhenPasswordInsteadOfHashThenRefusedNamingMember() throws IOException {
        IllegalArgumentException e = refused("{\"users\":[{\"username\":\"alice\",\"password\":\"hunter2\"}]}");

        assertTrue(e.getMessage().contains("user alice: unknown member 'password'"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void loadWhenHashMissingThenRefusedNamingUser() throws IOException {
        IllegalArgumentException e = refused("{\"users\":[{\"username\":\"alice\"}]}");

        assertTrue(e.getMessage().contains("user alice needs a 'password_hash'"), e.getMessage());
    }

    @Test
    void loadWhenUsernameRepeatedThenRefused() throws IOException {
        String entry = "{\"username\":\"alice\",\"password_hash\":\"" + aliceHash + "\"}";
        IllegalArgumentException e = refused("{\"users\":[" + entry + "," + entry + "]}");

        assertTrue(e.getMessage().contains("user alice is listed twice"), e.getMessage());
    }

    @Test
    void loadWhenUsernameMissingThenRefusedNamingIndex() throws IOException {
        IllegalArgumentException e = refused("{\"users\":[{\"password_hash\":\"" + aliceHash + "\"}]}");

        assertTrue(e.getMessage().contains("users[0] needs a non-empty 'username'"), e.getMessage());
    }

    @Test
    void loadWhenEnabledNotBooleanThenRefused() throws IOException {
        IllegalArgumentException e = refused(
                "{\"users\":[{\"username\":\"alice\",\"password_hash\":\"" + aliceHash + "\",\"enabled\":\"no\"}]}");

        assertTrue(e.getMessage().contains("user alice: 'enabled' must be true or false"), e.getMessage());
    }

    @Test
    void loadWhenTopLevelMemberUnknownThenRefused() throws IOException {
        IllegalArgumentException e = refused("{\"users\":[],\"clients\":[]}");

        assertTrue(e.getMessage().contains("unknown member 'clients'"), e.getMessage());
    }

    @Test
    void loadWhenUsersNotArrayThenRefused() throws IOException {
        IllegalArgumentException e = refused("{\"users\":{}}");

        assertTrue(e.getMessage().contains("'users' must be an array"), e.getMessage());
    }

    @Test
    void loadWhenNotJsonThenRefusedNamingFile() throws IOException {
        IllegalArgumentException e = refused("users: [alice]");

        assertTrue(e.getMessage().startsWith("cannot read users file " + dir.resolve("users.json")), e.getMessage());
    }

    @Test
    void loadWhenFileMissingThenRefusedNamingFile() {
        Path missing = dir.resolve("missing.json");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserFile.load(missing, mapper));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void toStringWhenLoadedThenCountOnly() throws IOException {
        UserFile users = load("{\"users\":[{\"username\":\"alice\",\"password_hash\":\"" + aliceHash + "\"}]}");

        assertEquals("UserFile[1 users]", users.toString());
    }

    private UserFile load(String json) throws IOException {
        return UserFile.load(Files.writeString(dir.resolve("users.json"), json, StandardCharsets.UTF_8), mapper);
    }

    private IllegalArgumentException refused(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("users.json"), json, StandardCharsets.UTF_8);
        return assertThrows(IllegalArgumentException.class, () -> UserFile.load(file, mapper));
    }
}
