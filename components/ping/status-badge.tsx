import { CircleAlertIcon, CircleCheckIcon, CircleXIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

const LOOK = {
  ok: { variant: 'success', label: 'Operational', Icon: CircleCheckIcon },
  up: { variant: 'success', label: 'Up', Icon: CircleCheckIcon },
  degraded: { variant: 'warning', label: 'Degraded', Icon: CircleAlertIcon },
  down: { variant: 'destructive', label: 'Down', Icon: CircleXIcon },
  unreachable: { variant: 'destructive', label: 'Unreachable', Icon: CircleXIcon },
} as const;

/** Colour plus an icon and a word, so the state never depends on colour alone. */
export function StatusBadge({ status }: { status: keyof typeof LOOK }) {
  const { variant, label, Icon } = LOOK[status];
  return (
    <Badge variant={variant}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}
