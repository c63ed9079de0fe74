import type { Metadata } from 'next';
import { airlinePayoutAccount } from '@/lib/airline/portal';
import { portalPage } from '@/lib/airline/portal-page';
import { stamp } from '@/components/flights/format';
import { PayoutAccountForm } from '@/components/airline/payout-account-form';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { changePayoutAccountAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Payout account · Airline portal' };

// Where the operator's airline is paid on chain: the address now, and the audited form that changes it.
export default async function PayoutAccountPage() {
  const { airline } = await portalPage();
  const account = await airlinePayoutAccount(airline);
  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Payout account · {account.name}</h1>
        <p className="text-sm text-muted-foreground">
          Bookings paid on chain settle your share straight to this address when the flight is released. Without one, it goes to the platform’s
          clearing account and is paid to you from there.
        </p>
      </div>
      <Card>
        <CardHeader><CardTitle>Paid to now</CardTitle></CardHeader>
        <CardContent className="text-sm">
          {account.address ? (
            <p className="flex flex-col gap-1">
              <span className="break-all font-mono" data-testid="payout-address">{account.address}</span>
              {account.updated_at && <span className="text-xs text-muted-foreground">set {stamp(account.updated_at)}</span>}
            </p>
          ) : (
            <p data-testid="payout-address">No address set: the platform’s clearing account.</p>
          )}
        </CardContent>
      </Card>
      <section aria-labelledby="change-title" className="flex flex-col gap-2">
        <h2 id="change-title" className="text-lg font-semibold">Change it</h2>
        <PayoutAccountForm iata={airline} current={account.address} action={changePayoutAccountAction} />
      </section>
    </>
  );
}
