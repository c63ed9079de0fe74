import { BlockList, isIP } from 'node:net';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import type { Database } from '@/lib/db/port';

// The allow and deny lists admins keep (CIDR networks). The whole list is read at most every
// RULES_TTL_MS per instance and matched in process, so no request pays a database call for it.
// A change reaches every instance at once: the database function that made it sends
// NOTIFY traqora_cache 'rate_limit_rules' on commit, and each instance listening drops its copy.
// Where nothing can LISTEN (Supabase's HTTP API) the TTL bounds how stale a copy gets.

export interface RateLimitRule {
  id: number;
  cidr: string;
  action: 'allow' | 'deny';
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export type Verdict = 'allow' | 'deny' | null;

const RULES_TTL_MS = 10_000;

export class AddressRules {
  constructor(private readonly allow: BlockList, private readonly deny: BlockList) {}

  static from(rules: readonly Pick<RateLimitRule, 'cidr' | 'action'>[]): AddressRules {
    const allow = new BlockList();
    const deny = new BlockList();
    for (const rule of rules) {
      const [network, bits] = rule.cidr.split('/');
      const type = isIP(network) === 6 ? 'ipv6' : 'ipv4';
      (rule.action === 'allow' ? allow : deny).addSubnet(network, Number(bits ?? (type === 'ipv6' ? 128 : 32)), type);
    }
    return new AddressRules(allow, deny);
  }

  /** Deny wins over allow when both match. */
  verdict(address: string | null): Verdict {
    if (!address) return null;
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (this.deny.check(address, type)) return 'deny';
    if (this.allow.check(address, type)) return 'allow';
    return null;
  }
}

const g = globalThis as unknown as { __traqoraAddressRules?: { at: number; rules: Promise<AddressRules> }; __traqoraRulesListener?: Promise<unknown> };

/** Listens for other instances' changes once per process (best effort: the TTL is the fallback). */
function listenForChanges(database: Database): void {
  const sql = (database as Partial<SqlDatabase>).sql;
  if (g.__traqoraRulesListener || !sql?.listen) return;
  g.__traqoraRulesListener = sql.listen('traqora_cache', (payload) => {
    // '' after a lost connection came back: a change may have gone by unheard.
    if (payload === 'rate_limit_rules' || payload === '') forgetAddressRules();
  }).catch(() => { g.__traqoraRulesListener = undefined; });
}

export function addressRules(database: Database): Promise<AddressRules> {
  listenForChanges(database);
  const cached = g.__traqoraAddressRules;
  if (cached && Date.now() - cached.at < RULES_TTL_MS) return cached.rules;
  const rules = database.call<RateLimitRule[]>('rate_limit_rules').then(AddressRules.from);
  g.__traqoraAddressRules = { at: Date.now(), rules };
  rules.catch(() => { g.__traqoraAddressRules = undefined; });
  return rules;
}

/** After this instance changed the lists. */
export function forgetAddressRules(): void {
  g.__traqoraAddressRules = undefined;
}
