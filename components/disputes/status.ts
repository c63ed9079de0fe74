import type { DisputeStatus } from '@/lib/disputes/types';

export const DISPUTE_STATUS_LABEL: Record<DisputeStatus, string> = {
  open: 'With support',
  awaiting_evidence: 'Waiting for your evidence',
  escalated: 'With the jury',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** For support, who reads the queue from their side. */
export const DESK_STATUS_LABEL: Record<DisputeStatus, string> = {
  open: 'Open',
  awaiting_evidence: 'Awaiting evidence',
  escalated: 'Escalated to jury',
  resolved: 'Resolved',
  closed: 'Closed',
};
