import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { isAppUrl } from './appProtocol';

export type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/**
 * Permissions the app's own page may use without asking: writing plain text to the clipboard
 * (copying a config). Everything else — camera, notifications, geolocation, HID, … — is refused.
 */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

function allowed(permission: string, origin: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && origin !== undefined && isAppUrl(origin);
}

/** Denies permissions and stamps the CSP on every response the session receives. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl ?? contents?.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  // The app:// handler sets the CSP itself; this covers anything else that could load a page.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

export type ContentsLike = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

export interface GuardLog {
  (message: string): void;
}

/**
 * Applied to every WebContents the app creates: no new windows, no navigation away from the
 * app's origin, no <webview>. A compromised or confused page stays where it is.
 */
export function guardContents(contents: ContentsLike, log: GuardLog = () => {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open(${url})`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log(`blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log(`blocked redirect to ${event.url}`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked <webview>');
  });
}
