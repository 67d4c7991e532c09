/**
 * The government's OpenID Connect provider, as this instance's client
 * (`openid-client`): discovery, the authorization URL and the code exchange.
 *
 * The provider's metadata is read at start-up (in the background) or at the
 * first sign-in, and kept; a failed discovery is tried again at the next
 * sign-in, so a provider that was down at start-up does not need a restart.
 *
 * The checks of the ID token (signature, issuer, audience, `exp`, `iat`,
 * `nonce`) and of the answer (`state`, `iss`, PKCE) are the library's. Its
 * idea of "now" is the app clock: the configuration is made per sign-in
 * with the clock's distance to the machine's as `clockSkew`.
 */
import * as client from 'openid-client';
import type { OidcSettings } from '../../platform/config';

/** Where the provider sends the browser back; register PUBLIC_URL + this path with the provider. */
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** The provider could not be reached or answered no usable metadata. */
export class OidcUnreachable extends Error {
  constructor(readonly issuer: string, readonly cause: unknown) {
    super(`the identity provider ${issuer} cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export class OidcProvider {
  private metadata: Promise<client.ServerMetadata> | null = null;
  readonly redirectUri: string;

  constructor(
    readonly settings: OidcSettings,
    publicUrl: string,
    private readonly now: () => Date,
  ) {
    this.redirectUri = `${publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  private get insecure(): boolean {
    return new URL(this.settings.issuer).protocol === 'http:'; // config.ts allows it on loopback only
  }

  /** The provider's metadata (discovery once, again after a failure). */
  async serverMetadata(): Promise<client.ServerMetadata> {
    if (!this.metadata) {
      this.metadata = client.discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
        execute: this.insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      }).then((configuration) => configuration.serverMetadata(), (error: unknown) => {
        this.metadata = null;
        throw new OidcUnreachable(this.settings.issuer, error);
      });
    }
    return this.metadata;
  }

  /** A configuration whose "now" is the app clock. */
  async configuration(): Promise<client.Configuration> {
    const metadata = await this.serverMetadata();
    const skewSeconds = Math.round((this.now().getTime() - Date.now()) / 1000);
    const configuration = new client.Configuration(metadata, this.settings.clientId, {
      client_secret: this.settings.clientSecret,
      [client.clockSkew]: skewSeconds,
    });
    if (this.insecure) client.allowInsecureRequests(configuration);
    return configuration;
  }

  /** The URL that sends the browser to the provider, with PKCE (S256), `state` and `nonce`. */
  async authorizationUrl(checks: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
    const configuration = await this.configuration();
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
  }

  /**
   * Exchanges the code of the callback (`query` as received) for tokens and
   * answers the person's email and whether the provider verified it: from the
   * ID token, or from the userinfo endpoint when the ID token does not carry it.
   */
  async identify(query: URLSearchParams, checks: { state: string; nonce: string; codeVerifier: string }): Promise<{ subject: string; email: string | null; emailVerified: boolean }> {
    const configuration = await this.configuration();
    const currentUrl = new URL(this.redirectUri);
    currentUrl.search = query.toString();
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let email = claims.email;
    let verified = claims.email_verified;
    if (typeof email !== 'string') {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      email = info.email;
      verified = info.email_verified;
    }
    return { subject: claims.sub, email: typeof email === 'string' ? email : null, emailVerified: verified === true };
  }
}

export const newOidcChecks = () => ({
  state: client.randomState(),
  nonce: client.randomNonce(),
  codeVerifier: client.randomPKCECodeVerifier(),
});
