// The security headers of every answer, in one place: proxy.ts sets them on each page and API
// response (with a fresh CSP nonce per request), next.config.ts sets the constant ones on the
// static files the proxy does not see. Pure: the caller passes the environment it runs in.

/** Where the report endpoint lives (CSP `report-uri` and the Reporting API's endpoint). */
export const CSP_REPORT_PATH = '/api/csp-report';
/** The request header that carries the nonce from proxy.ts to the root layout. */
export const NONCE_HEADER = 'x-nonce';

export interface PolicyEnv {
  NODE_ENV?: string;
  STELLAR_RPC_URL?: string;
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY?: string;
  CLERK_SECRET_KEY?: string;
}

/** A fresh nonce: 128 random bits, base64 (CSP's nonce-source grammar). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** Clerk's Frontend API host, which the publishable key encodes (`pk_live_` + base64("host$")). */
export function clerkFrontendApi(publishableKey: string | undefined): string | undefined {
  const encoded = publishableKey?.match(/^pk_(?:test|live)_(.+)$/)?.[1];
  if (!encoded) return undefined;
  try {
    const host = atob(encoded).replace(/\$$/, '');
    return /^[a-z0-9.-]+(:\d+)?$/i.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The Content-Security-Policy for one response. Scripts run only when they carry this
 * request's nonce ('strict-dynamic' lets those load their own chunks, as Next's and Clerk's
 * loaders do); no 'unsafe-inline' or 'unsafe-eval' for scripts outside `next dev`, which needs
 * eval for React's debugging and a websocket for hot reload. Styles allow inline: React and
 * Radix set style attributes, which a nonce cannot cover, and styles cannot run code.
 * Albedo needs no entry: it answers from a window we open (window.open + postMessage), which CSP
 * does not govern; what would break it is Cross-Origin-Opener-Policy, which we do not send.
 */
export function contentSecurityPolicy(nonce: string, env: PolicyEnv): string {
  const dev = env.NODE_ENV === 'development';
  const clerk = env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && env.CLERK_SECRET_KEY ? clerkFrontendApi(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) : undefined;
  const clerkOrigin = clerk ? `https://${clerk}` : undefined;
  const rpc = originOf(env.STELLAR_RPC_URL);
  const list = (...sources: (string | false | undefined)[]) => sources.filter(Boolean).join(' ');
  const directives: Record<string, string> = {
    'default-src': "'self'",
    // The Clerk host is for browsers without 'strict-dynamic' (they ignore the nonce's chain).
    'script-src': list("'self'", `'nonce-${nonce}'`, "'strict-dynamic'", clerkOrigin, dev && "'unsafe-eval'"),
    'style-src': "'self' 'unsafe-inline'",
    'img-src': list("'self'", 'data:', 'blob:', clerk && 'https://img.clerk.com'),
    'font-src': "'self' data:",
    'connect-src': list("'self'", rpc, clerkOrigin, dev && 'ws:'),
    // Clerk's sign-up runs Cloudflare's bot check in a frame, and clerk-js starts a blob worker.
    'frame-src': clerk ? 'https://challenges.cloudflare.com' : "'none'",
    'worker-src': list("'self'", clerk && 'blob:'),
    'manifest-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
    'report-uri': CSP_REPORT_PATH,
    'report-to': 'csp',
  };
  return Object.entries(directives).map(([k, v]) => `${k} ${v}`).join('; ');
}

/** The headers that never vary: safe on every answer, static files included. */
export const CONSTANT_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Off: what the app never uses. (Wallets are extensions or windows, not the Payment Request API.)
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};

const HSTS = 'max-age=63072000; includeSubDomains';

function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\./.test(name);
}

/**
 * The Content-Security-Policy of every API answer, the same for all of them: nothing loads, nothing
 * frames it, no form or base URL. An API answer is JSON (or a problem, a CSV, a TOML file), never a
 * document the app renders: no script of ours runs in it, so there is nothing for a nonce to
 * admit, and a policy that admits nothing is the strictest one for a browser that is ever made to
 * open it as a page. Being constant, it costs a request no random bytes, no string building and no
 * request-header rewrite (proxy.ts), which a JSON route paid on every call (docs/performance.md).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const apiHeaders = { ...CONSTANT_HEADERS, 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY };
const apiHeadersWithHsts = { ...apiHeaders, 'Strict-Transport-Security': HSTS };

/** Every security header of an API answer (see API_CONTENT_SECURITY_POLICY): built once, not per request. */
export function apiSecurityHeaders(host: string, env: PolicyEnv): Readonly<Record<string, string>> {
  return env.NODE_ENV === 'production' && !isLoopbackHost(host) ? apiHeadersWithHsts : apiHeaders;
}

/**
 * Every security header of one dynamic answer. HSTS only in production and never for a
 * loopback host: a browser that learns it for localhost refuses every plain-http dev server after.
 */
export function securityHeaders(nonce: string, host: string, env: PolicyEnv): Record<string, string> {
  const headers: Record<string, string> = {
    ...CONSTANT_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy(nonce, env),
    'Reporting-Endpoints': `csp="${CSP_REPORT_PATH}"`,
  };
  if (env.NODE_ENV === 'production' && !isLoopbackHost(host)) headers['Strict-Transport-Security'] = HSTS;
  return headers;
}
