import fp from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /** The server is deployed behind HTTPS, so browsers may be told to use nothing else. */
  secureCookies?: boolean;
}

// Document text is hostile: even if markup slipped through into the DOM, the browser must refuse to
// run it. The web build is one module script and one stylesheet from the same origin, and Svelte
// sets dynamic styles through the CSSOM, so neither scripts nor styles need 'unsafe-inline'.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Trove reads and searches text; it has no use for any device or powerful browser feature.
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

const BASE_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': PERMISSIONS_POLICY,
};

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** Security headers on every response: routes, static files, errors and not-found answers alike. */
export const securityHeadersPlugin = fp<SecurityHeadersOptions>(
  async (app, { secureCookies = false }) => {
    const headers = { ...BASE_HEADERS };
    if (secureCookies) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
    app.addHook('onSend', async (request, reply, payload) => {
      reply.headers(headers);
      // API answers may hold restricted material, so no browser or proxy may keep a copy; static
      // assets keep the caching the web plugin gives them.
      if (isApi(request.url)) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'security-headers' },
);
