import type { AuditEntry } from '@/lib/admin/audit';

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** Audit rows as a compact list: when, who in which role, what, why, before → after. */
export function AuditRows({ rows, empty = 'No audited changes yet.' }: { rows: AuditEntry[]; empty?: string }) {
  if (!rows.length) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ol className="flex flex-col gap-3">
      {rows.map((a) => (
        <li key={a.id} className="rounded-lg border p-3 text-sm">
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-mono text-xs">{a.action}</span>
            <span className="text-muted-foreground">by {a.actor_name ?? 'the system'}{a.actor_role ? ` (${a.actor_role})` : ''}</span>
            <time dateTime={a.at} className="text-xs text-muted-foreground">{when(a.at)} UTC</time>
          </p>
          {a.reason && <p className="mt-1">“{a.reason}”</p>}
          <p className="mt-1 font-mono text-xs break-all text-muted-foreground">
            {JSON.stringify(a.before)} → {JSON.stringify(a.after)}
          </p>
        </li>
      ))}
    </ol>
  );
}
