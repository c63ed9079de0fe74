/** Every role (the traqora.roles table holds the same list). What each may do: lib/admin/permissions.ts. */
export const ROLES = ['traveller', 'operator', 'admin', 'support', 'finance', 'ops', 'rewards_manager'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  /** IATA code of the airline an operator acts for; null for other roles. */
  airline: string | null;
}

/** Who is calling: the one answer getViewer() gives to server code. */
export interface Viewer {
  id: string;
  name: string;
  email: string | null;
  roles: RoleGrant[];
  /** Linked Stellar wallets (G… addresses). */
  wallets: string[];
  /** How this viewer signed in (api-key: an API request with `Authorization: Bearer trq_…`). */
  source: 'dev' | 'clerk' | 'wallet' | 'api-key';
}

export const PERSONAS = [
  { role: 'traveller', name: 'Ada Traveller', label: 'Traveller' },
  { role: 'operator', name: 'Otto Operator', label: 'Airline operator' },
  { role: 'admin', name: 'Ana Admin', label: 'Admin' },
  // Console staff with narrower roles (lib/admin/permissions.ts), to see what each may use.
  { role: 'support', name: 'Sam Support', label: 'Support' },
  { role: 'finance', name: 'Fay Finance', label: 'Finance' },
  { role: 'ops', name: 'Oli Ops', label: 'Operations' },
] as const satisfies readonly { role: Role; name: string; label: string }[];

export function hasRole(viewer: Viewer | null, role: Role, airline?: string): boolean {
  return !!viewer?.roles.some((r) => r.role === role && (airline === undefined || r.airline === airline));
}
