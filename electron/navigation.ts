import path from 'node:path';

/**
 * Where the window may go and what the `app://` protocol may serve. The renderer is served from
 * `app://bundle/…` (a standard, secure custom scheme): it never navigates away, and only http(s) links
 * leave the app, opened in the user's browser.
 *
 * Note: `new URL('app://bundle/x').origin` is `'null'` for a custom scheme, so origins are compared by
 * protocol and host.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The same policy as the renderer's meta tag, also sent as a header (plus what only a header can say). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether `url` is a page of the app itself (`app://bundle/…`). */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/**
 * The link to open in the user's browser, normalized, or null: http(s) only, no credentials, a real host.
 * Anything else (file:, javascript:, custom schemes, smb://) could run or reveal something locally.
 */
export function externalUrl(url: unknown): string | null {
  const u = parse(url);
  if (u === null || (u.protocol !== 'https:' && u.protocol !== 'http:')) return null;
  if (u.username !== '' || u.password !== '' || u.hostname === '') return null;
  return u.href;
}

/** What to do with a navigation the page starts: stay (the app's own pages), open outside, or refuse. */
export function navigationDecision(url: unknown): 'allow' | 'external' | 'deny' {
  if (isAppUrl(url)) return 'allow';
  return externalUrl(url) === null ? 'deny' : 'external';
}

/**
 * The file under `root` that `app://bundle/<pathname>` names, or null when the URL is not ours or the
 * path escapes `root` (`..`, encoded `%2e%2e` or `%2f`, backslashes, NUL). `/` serves index.html.
 */
export function bundleFile(root: string, url: unknown): string | null {
  const u = parse(url);
  if (u === null || !isAppUrl(u.href)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, ...(segments.length === 0 ? ['index.html'] : segments));
  return file.startsWith(base + path.sep) ? file : null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every response of the app protocol. */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'content-type': contentType(file),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}
