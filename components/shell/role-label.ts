import type { RoleGrant } from '@/lib/auth/types';

export function roleLabel(grant: RoleGrant): string {
  switch (grant.role) {
    case 'traveller':
      return 'Traveller';
    case 'operator':
      return grant.airline ? `Airline operator (${grant.airline})` : 'Airline operator';
    case 'admin':
      return 'Admin';
    case 'support':
      return 'Support';
    case 'finance':
      return 'Finance';
    case 'ops':
      return 'Operations';
    case 'rewards_manager':
      return 'Rewards manager';
  }
}

/** "AT" for "Ada Traveller": the avatar fallback. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}
