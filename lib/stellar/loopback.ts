/**
 * True for an RPC URL on this machine: the only place plain http is allowed (a local node or
 * the test stand-in); anything else must be https. Shared by the server and the browser.
 */
export function isLoopbackUrl(url: string | URL): boolean {
  const host = (typeof url === 'string' ? new URL(url) : url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
