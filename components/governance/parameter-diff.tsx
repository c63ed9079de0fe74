import { money } from '@/components/flights/format';
import type { ProposalChange } from '@/lib/governance/types';
import { TableScroll } from '@/components/ui/table-scroll';

// What a parameter proposal changes: before → after, with the bounds and what is in force now.
// Amounts in minor units (the fare penalties, thresholds in cents) are US dollars: every fare is USD.
export function formatParameter(value: number, unit: string): string {
  if (unit === 'bps') return `${value} bps (${(value / 100).toFixed(2)}%)`;
  if (unit === 'minor_units') return money(value, 'USD', { cents: true });
  if (unit === 'seconds') return value % 3600 === 0 ? `${value / 3600} h` : `${value} s`;
  if (unit === 'trq') return `${value.toLocaleString('en-US')} TRQ`;
  return `${value.toLocaleString('en-US')} ${unitLabel(unit)}`;
}

/** The unit as people read it, e.g. beside a value's input. */
export function unitLabel(unit: string): string {
  return unit === 'minor_units' ? 'US cents' : unit.replace(/_/g, ' ');
}

/** A parameter's bounds, as its values are shown (money as money). */
export function formatBounds(p: { min: number; max: number; unit: string }): string {
  return p.unit === 'minor_units' ? `${formatParameter(p.min, p.unit)} – ${formatParameter(p.max, p.unit)}` : `${p.min} – ${p.max}`;
}

export function ParameterDiff({ changes }: { changes: ProposalChange[] }) {
  return (
    <TableScroll label="Parameters this proposal sets">
      <table className="w-full text-sm">
        <caption className="sr-only">Parameters this proposal sets</caption>
        <thead className="text-left text-muted-foreground">
          <tr><th scope="col" className="py-2 pr-4 font-medium">Parameter</th><th scope="col" className="py-2 pr-4 font-medium">Before</th><th scope="col" className="py-2 pr-4 font-medium">After</th><th scope="col" className="py-2 font-medium">Bounds</th></tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.key} className="border-t align-top">
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                <code className="text-xs">{c.key}</code>
                <p className="text-xs text-muted-foreground">{c.description}</p>
              </th>
              <td className="py-2 pr-4 tabular-nums"><del className="text-muted-foreground">{formatParameter(c.before, c.unit)}</del>
                {c.current !== c.before && <p className="text-xs text-muted-foreground">now {formatParameter(c.current, c.unit)}</p>}</td>
              <td className="py-2 pr-4 font-medium tabular-nums"><ins className="no-underline">{formatParameter(c.value, c.unit)}</ins></td>
              <td className="py-2 text-xs tabular-nums text-muted-foreground">{formatBounds(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
