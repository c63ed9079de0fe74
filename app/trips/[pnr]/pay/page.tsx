import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { PayBooking } from '@/components/trips/pay-booking';
import { paymentRail } from '@/lib/payments';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pay into escrow' };

export default async function PayPage({ params }: { params: Promise<{ pnr: string }> }) {
  const { pnr } = await params;
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div className="mx-auto w-full max-w-2xl">
        <p className="text-sm font-medium text-muted-foreground">Step 3 of 3 · Payment</p>
        <h1 className="text-2xl font-semibold tracking-tight">Pay and confirm</h1>
      </div>
      {viewer ? (
        <PayBooking pnr={pnr.toUpperCase()} rail={paymentRail().describe()} />
      ) : (
        <div className="mx-auto w-full max-w-2xl">
          <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo={`/trips/${pnr}/pay`} why="Sign in to pay for this booking." />
        </div>
      )}
    </div>
  );
}
