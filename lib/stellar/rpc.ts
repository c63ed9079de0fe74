import { rpc } from '@stellar/stellar-sdk';
import { isLoopbackUrl } from './loopback';

// The one way server code reaches Soroban RPC: stellar-sdk's rpc.Server, one per endpoint and
// timeout (it keeps an HTTP agent), plain http only to a node on this machine, and every
// request bounded in time. rpc.Server takes a `timeout` option but does not apply it, so each
// request carries an abort signal and an abort surfaces as RpcTimeout.

export const DEFAULT_RPC_TIMEOUT_MS = 15_000;

/** A request that took longer than the client allows; worth retrying. */
export class RpcTimeout extends Error {
  constructor(method: string, ms: number) {
    super(`${method} took longer than ${ms} ms`);
    this.name = 'RpcTimeout';
  }
}

function isAbort(err: unknown): boolean {
  // The SDK's HTTP client reports our abort as ECONNABORTED ("timeout of 0 ms exceeded").
  const { name, code } = (err ?? {}) as { name?: string; code?: string };
  return name === 'TimeoutError' || name === 'AbortError' || name === 'CanceledError' || code === 'ECONNABORTED' || code === 'ERR_CANCELED';
}

function methodOf(requestBody: unknown): string {
  try {
    const body = typeof requestBody === 'string' ? JSON.parse(requestBody) : requestBody;
    return typeof body?.method === 'string' ? body.method : 'request';
  } catch {
    return 'request';
  }
}

const servers = new Map<string, rpc.Server>();

/** The rpc.Server for an endpoint; throws for plain http to another machine. */
export function rpcServer(target: { rpcUrl: string; timeoutMs?: number }): rpc.Server {
  const timeoutMs = target.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  const key = `${target.rpcUrl} ${timeoutMs}`;
  let server = servers.get(key);
  if (!server) {
    server = new rpc.Server(target.rpcUrl, { allowHttp: isLoopbackUrl(target.rpcUrl) });
    server.httpClient.interceptors.request.use((req) => ({ ...req, signal: AbortSignal.timeout(timeoutMs) }));
    server.httpClient.interceptors.response.use((res) => res, (err: { config?: { data?: unknown } }) =>
      Promise.reject(isAbort(err) ? new RpcTimeout(methodOf(err.config?.data), timeoutMs) : err));
    servers.set(key, server);
  }
  return server;
}
