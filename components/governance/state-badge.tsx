import { Badge, type BadgeProps } from '@/components/ui/badge';
import type { ProposalState } from '@/lib/governance/types';

const VARIANT: Record<ProposalState, BadgeProps['variant']> = {
  pending: 'outline', active: 'default', succeeded: 'success', defeated: 'destructive',
  queued: 'warning', executed: 'success', cancelled: 'secondary', expired: 'secondary',
};

export const STATE_LABEL: Record<ProposalState, string> = {
  pending: 'Pending', active: 'Voting', succeeded: 'Succeeded', defeated: 'Defeated',
  queued: 'Queued', executed: 'Executed', cancelled: 'Cancelled', expired: 'Expired',
};

export function StateBadge({ state }: { state: ProposalState }) {
  return <Badge variant={VARIANT[state]}>{STATE_LABEL[state]}</Badge>;
}
