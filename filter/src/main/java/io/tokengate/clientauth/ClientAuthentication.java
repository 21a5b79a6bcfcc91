package io.tokengate.clientauth;

import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs before every grant: works out which client the request claims to be and which method it
 * uses, then lets that method's {@link ClientAuthenticator} verify it (RFC 6749 §2.3, §3.2.1).
 * <ul>
 *   <li>A request carrying the credentials of two methods is refused ({@code invalid_request},
 *       RFC 6749 §2.3: "MUST NOT use more than one authentication method in each request").</li>
 *   <li>The claimed id comes from the Basic header, the {@code client_id} parameter or the client
 *       assertion's {@code iss}; when more than one names it they must agree ({@code invalid_request}).</li>
 *   <li>The method must be one registered for the client.</li>
 *   <li>With no explicit credential, the client's registered certificate method runs; a mobile
 *       application is identified as a public client ({@code none}) and the grant decides.</li>
 * </ul>
 */
public final class ClientAuthentication {
    private final ClientRegistry registry;
    private final Map<ClientAuthMethod, ClientAuthenticator> authenticators;

    public ClientAuthentication(ClientRegistry registry, List<ClientAuthenticator> authenticators) {
        this.registry = registry;
        Map<ClientAuthMethod, ClientAuthenticator> byMethod = new EnumMap<>(ClientAuthMethod.class);
        authenticators.forEach(a -> byMethod.put(a.method(), a));
        this.authenticators = Map.copyOf(byMethod);
    }

    /** @throws OAuth2Exception {@code invalid_client} or {@code invalid_request} saying what to fix */
    public AuthenticatedClient authenticate(TokenRequest request) {
        List<ClientAuthenticator> explicit = authenticators.values().stream()
                .filter(a -> a.isPresentIn(request)).toList();
        if (explicit.size() > 1) {
            throw OAuth2Exception.invalidRequest("the request uses more than one client authentication method ("
                    + explicit.stream().map(a -> a.method().value()).sorted().collect(Collectors.joining(" and "))
                    + "); use exactly one");
        }
        String clientId = claimedClientId(request, explicit);
        Client client = registry.findClient(clientId).orElseThrow(() ->
                OAuth2Exception.invalidClient("client " + clientId + " is not registered"));
        if (explicit.size() == 1) {
            ClientAuthenticator authenticator = explicit.get(0);
            requireRegistered(client, authenticator.method());
            return authenticator.authenticate(request, client);
        }
        if (client.isPublic()) {
            return new AuthenticatedClient(client, ClientAuthMethod.NONE, Optional.empty());
        }
        ClientAuthenticator byCertificate = client.authMethods().stream()
                .filter(ClientAuthMethod::isCertificateBased)
                .map(authenticators::get)
                .filter(a -> a != null)
                .findFirst()
                .orElseThrow(() -> OAuth2Exception.invalidClient("client " + client.clientId()
                        + " sent no credentials; it must authenticate with " + methods(client)));
        return byCertificate.authenticate(request, client);
    }

    private static String claimedClientId(TokenRequest request, List<ClientAuthenticator> explicit) {
        Optional<String> fromHeader = BasicCredentials.from(request.authorization()).map(BasicCredentials::clientId);
        Optional<String> fromBody = request.parameter("client_id");
        if (fromHeader.isPresent() && fromBody.isPresent() && !fromHeader.get().equals(fromBody.get())) {
            throw OAuth2Exception.invalidRequest("client_id '" + fromBody.get()
                    + "' differs from the client in the Authorization header");
        }
        Optional<String> fromCredentials = explicit.stream().map(a -> a.claimedClientId(request))
                .flatMap(Optional::stream).findFirst();
        if (fromBody.isPresent() && fromCredentials.isPresent() && !fromBody.get().equals(fromCredentials.get())) {
            throw OAuth2Exception.invalidRequest("client_id '" + fromBody.get() + "' differs from the client the"
                    + " client assertion names (iss '" + fromCredentials.get() + "'); send the client's own assertion");
        }
        return fromHeader.or(() -> fromBody).or(() -> fromCredentials)
                .orElseThrow(() -> OAuth2Exception.invalidClient(
                "client authentication is required: send client_id with the client certificate, "
                        + "or HTTP Basic credentials, or client_id and client_secret, or a client_assertion"));
    }

    private static void requireRegistered(Client client, ClientAuthMethod method) {
        if (!client.hasAuthMethod(method)) {
            throw OAuth2Exception.invalidClient("client " + client.clientId() + " is not registered for "
                    + method.value() + "; it must authenticate with " + methods(client));
        }
    }

    private static String methods(Client client) {
        return client.authMethods().stream().map(ClientAuthMethod::value).collect(Collectors.joining(" or "));
    }
}
