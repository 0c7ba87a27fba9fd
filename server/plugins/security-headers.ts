import fp from 'fastify-plugin';

/** Security headers on every response (filled in by the hardening work). */
export const securityHeadersPlugin = fp<{ secureCookies?: boolean }>(async () => {});
