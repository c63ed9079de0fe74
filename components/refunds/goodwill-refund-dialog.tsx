'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { Loader2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import type { RefundRequest } from '@/lib/refunds/types';
import { money } from '@/components/flights/format';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

type Action = (prev: ActionResult<RefundRequest> | null, form: FormData) => Promise<ActionResult<RefundRequest>>;

/**
 * A goodwill refund from the booking's page: it does not pay, it files a request in the refund
 * review queue, where a different finance or admin user approves (and the rail pays) or denies.
 */
export function GoodwillRefundDialog({ pnr, totalMinor, currency, action }: { pnr: string; totalMinor: number; currency: string; action: Action }) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [state, formAction, pending] = React.useActionState(action, null);
  const error = (field: string) => (state && !state.ok ? state.problem.errors?.find((e) => e.field === field)?.message : undefined);

  React.useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">Goodwill refund</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Propose a goodwill refund for {pnr}</DialogTitle>
          <DialogDescription>
            Nothing is paid yet: a different finance or admin user approves or denies it in the refund review queue. Approval closes the booking
            and pays through its rail. At most {money(totalMinor, currency, { cents: true })}.
          </DialogDescription>
        </DialogHeader>
        {state?.ok ? (
          <>
            <Banner variant="success" title="Refund proposed">
              {money(state.data.refund_minor, state.data.currency, { cents: true })} for {state.data.pnr} now waits for a decision in the refund review
              queue.
            </Banner>
            <DialogFooter>
              <Button type="button" onClick={() => setOpen(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form action={formAction} className="flex flex-col gap-4">
            <input type="hidden" name="pnr" value={pnr} />
            <input type="hidden" name="kind" value="goodwill" />
            <Field id="goodwill-amount" label={`Amount (${currency})`} error={error('amount') ?? error('refund_minor')}>
              <Input name="amount" required inputMode="decimal" placeholder="50.00" />
            </Field>
            <Field id="goodwill-reason" label="Reason" hint="Recorded in the audit log and shown to whoever decides." error={error('reason')}>
              <Input name="reason" required minLength={3} maxLength={500} />
            </Field>
            {state && !state.ok && !state.problem.errors?.length && (
              <Banner variant="error" compact>
                {state.problem.detail}
              </Banner>
            )}
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" disabled={pending}>
                {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Propose refund
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
