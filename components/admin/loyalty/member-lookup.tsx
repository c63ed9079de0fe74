'use client';

import * as React from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader2Icon } from 'lucide-react';
import type { Adjustment, AdminMember } from '@/lib/loyalty/admin';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { stamp } from '@/components/flights/format';
import { points, TIER_NAME } from '@/components/loyalty/tiers';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { TableScroll } from '@/components/ui/table-scroll';

// A rewards manager's member lookup (by user id, as the Users list shows it) and the manual
// adjustment: points either way with a required reason; the API audits it and refuses to take
// more than the member holds. One Idempotency-Key per submitted adjustment, kept for a retry.
// The member's history shows a page at a time ("Show more" follows the API's nextCursor).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fieldError = (err: unknown, field: string) =>
  err instanceof ApiError ? err.problem.errors?.find((e) => e.field === field || e.field === `body.${field}`)?.message : undefined;

export function MemberLookup() {
  const [input, setInput] = React.useState('');
  const [id, setId] = React.useState<string | null>(null);
  const member = useInfiniteQuery({
    queryKey: ['admin', 'loyalty', 'member', id],
    enabled: id !== null,
    initialPageParam: null as string | null,
    getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '20', ...(pageParam && { cursor: pageParam }) });
      return fetchJson<{ data: AdminMember; nextCursor: string | null }>(`/api/v1/admin/loyalty/members/${id}?${query}`, { signal });
    },
  });
  // the summary from the first page (refetched with the rest after an adjustment); the history from every page shown
  const pages = member.data?.pages;
  const shown = pages && { ...pages[0].data, history: { data: pages.flatMap((p) => p.data.history.data), next_cursor: pages.at(-1)!.data.history.next_cursor } };
  const invalid = input.trim() !== '' && !UUID.test(input.trim());

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Member lookup</CardTitle>
        <CardDescription>Paste the user id from the Users list.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (UUID.test(input.trim())) setId(input.trim().toLowerCase());
          }}
        >
          <Field id="member-id" label="User id" error={invalid ? 'A user id looks like 8-4-4-4-12 hexadecimal characters' : undefined} className="min-w-72 flex-1">
            <Input value={input} onChange={(e) => setInput(e.target.value)} placeholder="00000000-0000-0000-0000-000000000000" autoComplete="off" />
          </Field>
          <Button type="submit" disabled={invalid || input.trim() === ''}>
            Look up
          </Button>
        </form>
        {id !== null && member.data === undefined && <QueryState query={member} label="Looking the member up…" failed="We couldn’t load this member" />}
        {shown && (
          <MemberDetail
            member={shown}
            more={member.hasNextPage ? { loading: member.isFetchingNextPage, load: () => void member.fetchNextPage() } : null}
          />
        )}
      </CardContent>
    </Card>
  );
}

function MemberDetail({ member, more }: { member: AdminMember; more: { loading: boolean; load: () => void } | null }) {
  const queryClient = useQueryClient();
  const keyRef = React.useRef<string | null>(null);
  const [amount, setAmount] = React.useState('');
  const [reason, setReason] = React.useState('');
  const s = member.summary;
  const adjust = useMutation({
    mutationFn: () => {
      keyRef.current ??= crypto.randomUUID();
      return fetchJson<{ data: Adjustment }>(`/api/v1/admin/loyalty/members/${member.user_id}/adjustments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': keyRef.current },
        body: JSON.stringify({ points: Number(amount), reason }),
      });
    },
    onSuccess: () => {
      keyRef.current = null;
      setAmount('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'loyalty', 'member', member.user_id] });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status > 0 && err.status < 500) keyRef.current = null;
    },
  });
  const amountValid = /^-?[1-9][0-9]{0,7}$/.test(amount.trim());

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-muted-foreground">Tier</dt>
          <dd className="font-medium">{TIER_NAME[s.tier]}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Active points</dt>
          <dd className="font-medium tabular-nums" data-testid="admin-points-active">{points(s.points.active)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Pending points</dt>
          <dd className="font-medium tabular-nums">{points(s.points.pending)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Tier credits this year</dt>
          <dd className="font-medium tabular-nums">{points(s.tier_credits.this_year)}</dd>
        </div>
      </dl>
      <form
        className="flex flex-col gap-3 rounded-lg border p-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (amountValid && reason.trim().length >= 3) adjust.mutate();
        }}
      >
        <h3 className="text-sm font-semibold">Adjust points</h3>
        <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <Field id="adjust-points" label="Points" hint="Negative takes points away" error={fieldError(adjust.error, 'points')}>
            <Input inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
          <Field id="adjust-reason" label="Reason" hint="Recorded in the audit trail and shown to the member" error={fieldError(adjust.error, 'reason')}>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />
          </Field>
        </div>
        {adjust.isError && !fieldError(adjust.error, 'points') && !fieldError(adjust.error, 'reason') && (
          <Banner variant="error" title="The adjustment was not made">
            {adjust.error.message}
          </Banner>
        )}
        {adjust.isSuccess && (
          <p role="status" className="text-sm text-success">
            Done: the member now has {points(adjust.data.data.points_active)} active points.
          </p>
        )}
        <Button type="submit" className="self-start" disabled={adjust.isPending || !amountValid || reason.trim().length < 3}>
          {adjust.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          Adjust
        </Button>
      </form>
      <TableScroll label="Latest entries" className="-mx-2">
        <table className="w-full text-sm">
          <caption className="px-2 pb-1 text-left text-sm font-semibold">Latest entries</caption>
          <thead>
            <tr className="border-b text-left text-muted-foreground">
              <th scope="col" className="px-2 py-1.5 font-medium">When</th>
              <th scope="col" className="px-2 py-1.5 font-medium">What</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">Amount</th>
            </tr>
          </thead>
          <tbody>
            {member.history.data.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-2 py-2 text-muted-foreground">
                  No entries yet.
                </td>
              </tr>
            ) : (
              member.history.data.map((e) => (
                <tr key={e.id} className="border-b last:border-0">
                  <td className="px-2 py-1.5 whitespace-nowrap text-muted-foreground">{stamp(e.occurred_at)}</td>
                  <td className="px-2 py-1.5">{e.reason}</td>
                  <td className="px-2 py-1.5 text-right whitespace-nowrap tabular-nums">
                    {e.amount > 0 ? '+' : '−'}
                    {points(Math.abs(e.amount))} {e.currency === 'points' ? 'points' : 'credits'}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
      {more && (
        <Button type="button" variant="outline" className="self-start" disabled={more.loading} onClick={more.load}>
          {more.loading && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          Show more
        </Button>
      )}
    </div>
  );
}
