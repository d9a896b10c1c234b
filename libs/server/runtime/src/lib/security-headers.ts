import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response (the console's shell above all):
 * - scripts only from the console's own origin, never inline (the Angular build emits none once
 *   critical-CSS inlining is off: its `onload` handler on the stylesheet link would be inline);
 * - styles may be inline: Angular injects each component's styles as `<style>` elements at run
 *   time, and the email frame (an `about:srcdoc` document, which inherits this policy) shows
 *   email HTML whose layout lives in `style` attributes. The email sanitiser has already removed
 *   every declaration that fetches or runs something (`url(`, `expression(`, `image-set(`, …);
 * - images from the console, `data:`/`blob:` (inline email images are fetched with the token and
 *   shown as blob URLs) and `https:` (an email's remote images, loaded only on the agent's click);
 * - connections (REST, Socket.IO over WebSocket) to the same origin only;
 * - no plugins, no `<base>` elsewhere, forms post to the same origin, and no page may frame it.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * helmet on every HTTP response: the policy above, `X-Content-Type-Options: nosniff`,
 * `X-Frame-Options: DENY` (frame-ancestors for old browsers), `Referrer-Policy: same-origin`
 * (console URLs never leave in a Referer), HSTS, and no `X-Powered-By`.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * `/widget.js` is loaded by a script tag on customers' websites, another origin: helmet's
 * `Cross-Origin-Resource-Policy: same-origin` would make browsers refuse it there.
 */
export const crossOriginScript: RequestHandler = (_req, res, next) => {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  next();
};
