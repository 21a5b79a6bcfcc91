/**
 * What the authorization server remembers about revoked access tokens (RFC 7009 §2): the
 * {@link io.tokengate.revocation.AccessTokenDenylist} of revoked {@code jti} values, kept until
 * each token would have expired anyway, and the refresh token families whose access tokens are
 * revoked with them (RFC 7009 §2.1), both read through
 * {@link io.tokengate.revocation.RevokedAccessTokens}. The refresh tokens themselves are marked
 * revoked in the {@link io.tokengate.refresh.RefreshTokenStore}.
 */
package io.tokengate.revocation;
