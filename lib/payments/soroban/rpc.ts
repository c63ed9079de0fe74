import { rpc } from '@stellar/stellar-sdk';
import type { SorobanRailConfig } from './config';

const servers = new Map<string, rpc.Server>();

/** One rpc.Server per endpoint (it keeps an HTTP agent). */
export function rpcServer(cfg: Pick<SorobanRailConfig, 'rpcUrl' | 'allowHttp'>): rpc.Server {
  let s = servers.get(cfg.rpcUrl);
  if (!s) {
    s = new rpc.Server(cfg.rpcUrl, { allowHttp: cfg.allowHttp, timeout: 15_000 });
    servers.set(cfg.rpcUrl, s);
  }
  return s;
}
