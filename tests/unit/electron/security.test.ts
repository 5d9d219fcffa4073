import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../../electron/main/csp';
import { guardContents, hardenSession, type ContentsLike, type SessionLike } from '../../../electron/main/security';

type Fn = (...args: any[]) => any;

function fakeSession() {
  const h: Record<string, Fn> = {};
  const session = {
    setPermissionRequestHandler: (fn: Fn) => (h.request = fn),
    setPermissionCheckHandler: (fn: Fn) => (h.check = fn),
    setDevicePermissionHandler: (fn: Fn) => (h.device = fn),
    webRequest: { onHeadersReceived: (fn: Fn) => (h.headers = fn) },
  } as unknown as SessionLike;
  return { session, h };
}

function request(h: Record<string, Fn>, permission: string, requestingUrl: string): boolean {
  let granted: boolean | undefined;
  h.request!({ getURL: () => requestingUrl }, permission, (g: boolean) => (granted = g), { requestingUrl });
  return granted!;
}

function fakeContents() {
  const listeners: Record<string, Fn> = {};
  let openHandler: Fn | undefined;
  const contents = {
    setWindowOpenHandler: (fn: Fn) => (openHandler = fn),
    on: (event: string, fn: Fn) => (listeners[event] = fn),
  } as unknown as ContentsLike;
  const fire = (event: string, url: string) => {
    let prevented = false;
    listeners[event]!({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('CSP', () => {
  it('allows only the app’s own scripts and styles: nothing inline, no eval, no plugins, no framing', () => {
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['style-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['frame-ancestors']).toBe("'none'");
    expect(CSP_DIRECTIVES['base-uri']).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });
});

describe('hardenSession', () => {
  it('denies permission requests and checks, except a plain clipboard write from the app itself', () => {
    const { session, h } = fakeSession();
    hardenSession(session);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(request(h, p, 'app://mlf/index.html'), p).toBe(false);
      expect(h.check!(null, p, 'app://mlf'), p).toBe(false);
    }
    expect(request(h, 'clipboard-sanitized-write', 'app://mlf/index.html')).toBe(true);
    expect(request(h, 'clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(h.check!(null, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect(h.device!({ deviceType: 'usb', origin: 'app://mlf' })).toBe(false);
  });

  it('puts the app’s CSP on every response, replacing any the response brought', () => {
    const { session, h } = fakeSession();
    hardenSession(session);
    let out: any;
    h.headers!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r: unknown) => (out = r));
    expect(out.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out.responseHeaders['content-security-policy']).toBeUndefined();
    expect(out.responseHeaders['X-Other']).toEqual(['1']);
  });
});

describe('guardContents', () => {
  it('denies every window.open', () => {
    const c = fakeContents();
    guardContents(c.contents);
    for (const url of ['https://example.com', 'app://mlf/index.html', 'file:///etc/passwd']) expect(c.open(url)).toEqual({ action: 'deny' });
  });

  it('stops navigation and redirects away from the app, and <webview>', () => {
    const log: string[] = [];
    const c = fakeContents();
    guardContents(c.contents, (m) => log.push(m));
    expect(c.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(c.fire('will-navigate', 'file:///home/me/notes.html')).toBe(true);
    expect(c.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(c.fire('will-navigate', 'app://mlf/index.html')).toBe(false);
    expect(c.fire('will-attach-webview', 'about:blank')).toBe(true);
    expect(log).toHaveLength(4);
  });
});
