import Link from 'next/link';
import type { GovernanceParameter } from '@/lib/governance/parameters';
import type { ParameterGroup } from '@/lib/loyalty/parameters-view';
import { stamp } from '@/components/flights/format';
import { formatBounds, formatParameter } from '@/components/governance/parameter-diff';
import { TableScroll } from '@/components/ui/table-scroll';

// The programme's rules as they are in force: earn rates, multipliers, tier thresholds, benefits,
// redemption rate, expiry, referral bonuses. Read-only here: TRQ holders change them by proposal,
// so each row names what last set it and links to that proposal where there is one.

/** As a member reads the rule: multipliers as ×1.25, counts as plain numbers; the rest as governance shows it. */
function inForce(p: GovernanceParameter): string {
  if (p.unit === 'multiplier') return `×${p.value.toLocaleString('en-US')}`;
  if (p.unit === 'count') return p.value.toLocaleString('en-US');
  return formatParameter(p.value, p.unit);
}

function SetBy({ p }: { p: GovernanceParameter }) {
  if (p.set_by_proposal) {
    return (
      <Link className="text-primary underline-offset-2 hover:underline" href={`/governance/proposals/${p.set_by_proposal.id}`}>
        Proposal #{p.set_by_proposal.id}: {p.set_by_proposal.title}
      </Link>
    );
  }
  const change = p.last_change;
  if (!change || change.source === 'seed') return <span className="text-muted-foreground">Launch value</span>;
  return <span className="text-muted-foreground">{change.source === 'admin' ? 'An administrator' : 'Governance'}</span>;
}

export function ParametersPanel({ groups }: { groups: ParameterGroup<GovernanceParameter>[] }) {
  return (
    <section aria-labelledby="loyalty-parameters-title" className="flex flex-col gap-3" data-testid="loyalty-parameters">
      <div>
        <h2 id="loyalty-parameters-title" className="text-lg font-semibold">Programme rules</h2>
        <p className="text-sm text-muted-foreground">
          What the engine applies now. TRQ holders change these by proposal, within each rule’s bounds;{' '}
          <Link className="font-medium text-primary underline underline-offset-2" href="/governance/new">propose a change</Link> or see{' '}
          <Link className="font-medium text-primary underline underline-offset-2" href="/governance">the proposals</Link>.
        </p>
      </div>
      <TableScroll label="Loyalty parameters" className="rounded-xl border bg-card">
        <table className="w-full min-w-[48rem] text-sm">
          <caption className="sr-only">Loyalty parameters in force, with their bounds and what last set each</caption>
          <thead className="border-b text-left text-muted-foreground">
            <tr>
              <th scope="col" className="p-3 font-medium">Rule</th>
              <th scope="col" className="p-3 font-medium">In force</th>
              <th scope="col" className="p-3 font-medium">Bounds</th>
              <th scope="col" className="p-3 font-medium">Set by</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.title} className="divide-y border-b last:border-b-0">
              <tr className="bg-muted/40">
                <th scope="rowgroup" colSpan={4} className="p-3 text-left text-xs font-semibold uppercase tracking-wide">{g.title}</th>
              </tr>
              {g.parameters.map((p) => (
                <tr key={p.key} className="align-top" data-key={p.key}>
                  <th scope="row" className="p-3 text-left font-normal">
                    {p.description}
                    <code className="block text-xs text-muted-foreground">{p.key}</code>
                  </th>
                  <td className="p-3 font-medium tabular-nums">{inForce(p)}</td>
                  <td className="p-3 text-xs tabular-nums text-muted-foreground">{formatBounds(p)}</td>
                  <td className="min-w-36 p-3">
                    <SetBy p={p} />
                    {p.last_change && p.last_change.source !== 'seed' && (
                      <span className="block text-xs text-muted-foreground">{stamp(p.last_change.changed_at)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </TableScroll>
    </section>
  );
}
