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
 *   <li>The claimed id comes from the Basic header or the {@code client_id} parameter; if both
 *       are sent they must agree.</li>
 *   <li>A request carrying the credentials of two methods is refused ({@code invalid_request},
 *       RFC 6749 §2.3: "MUST NOT use more than one authentication method in each request").</li>
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
        String clientId = claimedClientId(request, authenticators.values());
        Client client = registry.findClient(clientId).orElseThrow(() ->
                OAuth2Exception.invalidClient("client " + clientId + " is not registered"));
        List<ClientAuthenticator> explicit = authenticators.values().stream()
                .filter(a -> a.isPresentIn(request)).toList();
        if (explicit.size() > 1) {
            throw OAuth2Exception.invalidRequest("the request uses more than one client authentication method ("
                    + explicit.stream().map(a -> a.method().value()).sorted().collect(Collectors.joining(" and "))
                    + "); use exactly one");
        }
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

    private static String claimedClientId(TokenRequest request, java.util.Collection<ClientAuthenticator> all) {
        Optional<String> fromHeader = BasicCredentials.from(request.authorization()).map(BasicCredentials::clientId);
        Optional<String> fromBody = request.parameter("client_id");
        if (fromHeader.isPresent() && fromBody.isPresent() && !fromHeader.get().equals(fromBody.get())) {
            throw OAuth2Exception.invalidRequest("client_id '" + fromBody.get()
                    + "' differs from the client in the Authorization header");
        }
        return fromHeader.or(() -> fromBody)
                .or(() -> all.stream().filter(a -> a.isPresentIn(request))
                        .map(a -> a.claimedClientId(request)).flatMap(Optional::stream).findFirst())
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
