import Link from 'next/link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatTrq } from '@/lib/governance/trq-amount';
import type { TrqAccount } from '@/lib/governance/types';

/** The viewer's TRQ, who votes with it (yourself by default, said explicitly) and their power. */
export function PowerCard({ account }: { account: TrqAccount }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your TRQ</CardTitle>
        <CardDescription>Voting power is read at each proposal’s snapshot, when its voting opens.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div><dt className="text-muted-foreground">Balance</dt><dd className="text-lg font-semibold tabular-nums">{formatTrq(account.balance)}</dd></div>
          <div><dt className="text-muted-foreground">Delegated to</dt><dd className="font-medium">{account.delegate ? account.delegate.display_name : 'Yourself'} · <Link className="text-primary underline underline-offset-4" href="/governance/delegates">change</Link></dd></div>
          <div><dt className="text-muted-foreground">Your voting power now</dt><dd className="text-lg font-semibold tabular-nums">{formatTrq(account.votes)}</dd>
            {account.delegators > 0 && <dd className="text-xs text-muted-foreground">incl. {account.delegators} {account.delegators === 1 ? 'delegator' : 'delegators'}</dd>}</div>
        </dl>
      </CardContent>
    </Card>
  );
}
