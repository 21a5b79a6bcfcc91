/**
 * What the authorization server remembers about revoked access tokens (RFC 7009 §2): the
 * {@link io.tokengate.revocation.AccessTokenDenylist} of revoked {@code jti} values, kept until
 * each token would have expired anyway. Revoked refresh tokens need nothing here: their family is
 * marked revoked in the {@link io.tokengate.refresh.RefreshTokenStore}.
 */
package io.tokengate.revocation;
