/** oidc-provider ships no types; the tests use it as a real provider and need none. */
declare module 'oidc-provider';
