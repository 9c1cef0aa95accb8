import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY,
  bundleFile,
  CONTENT_SECURITY_POLICY,
  contentType,
  externalUrl,
  isAppUrl,
  navigationDecision,
  responseHeaders,
} from './navigation.ts';

describe('navigation rules', () => {
  it.each([
    [APP_ENTRY, 'allow'],
    ['app://bundle/assets/index.js?x=1#y', 'allow'],
    ['https://example.com/docs', 'external'],
    ['http://example.com', 'external'],
    ['app://other/index.html', 'deny'],
    ['app://user:pw@bundle/index.html', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>1</script>', 'deny'],
    ['https://user:pw@example.com/', 'deny'],
    ['smb://host/share', 'deny'],
    ['not a url', 'deny'],
    [42, 'deny'],
  ])('%s → %s', (url, decision) => {
    expect(navigationDecision(url)).toBe(decision);
  });

  it('compares protocol and host, since a custom scheme has the opaque origin "null"', () => {
    expect(new URL(APP_ENTRY).origin).toBe('null');
    expect(isAppUrl('app://bundle/')).toBe(true);
    expect(isAppUrl('app://bundlex/')).toBe(false);
  });

  it('normalizes external links', () => {
    expect(externalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(externalUrl(`https://x.test/${'a'.repeat(9000)}`)).toBeNull();
  });
});

describe('bundleFile', () => {
  const root = path.resolve('/srv/app/dist/renderer');

  it('maps app URLs to files under the root, / to index.html', () => {
    expect(bundleFile(root, 'app://bundle/')).toBe(path.join(root, 'index.html'));
    expect(bundleFile(root, 'app://bundle/assets/index-1.js?v=2')).toBe(
      path.join(root, 'assets', 'index-1.js'),
    );
    expect(bundleFile(root, 'app://bundle/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://bundle/../../etc/passwd',
    'app://bundle/%2e%2e/%2e%2e/etc/passwd',
    'app://bundle/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://bundle/..%5c..%5csecret',
    'app://bundle/a%00.js',
    'app://bundle/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const file = bundleFile(root, url);
    if (file !== null) expect(file.startsWith(root + path.sep)).toBe(true);
    else expect(file).toBeNull();
  });

  it('refuses traversal that survives URL parsing (encoded slashes and backslashes)', () => {
    // The URL parser already folds `..` and `%2e%2e` segments into the root: those stay inside.
    expect(bundleFile(root, 'app://bundle/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(bundleFile(root, 'app://bundle/assets/%2e%2e%2f%2e%2e%2fsecret')).toBeNull();
    expect(bundleFile(root, 'app://bundle/..%5c..%5csecret')).toBeNull();
  });

  it('serves known types and the CSP header', () => {
    expect(contentType('/a/index.html')).toMatch(/^text\/html/);
    expect(contentType('/a/worker-1.js')).toMatch(/^text\/javascript/);
    expect(contentType('/a/blob.bin')).toBe('application/octet-stream');
    const headers = responseHeaders('/a/index.html');
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
