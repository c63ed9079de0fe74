import { config } from '@/lib/config';
import { EscrowSteps } from '@/components/home/escrow-steps';
import { FlightSearchForm } from '@/components/search/flight-search-form';
import { searchIcons } from '@/components/search/search-icons';

export default function HomePage() {
  // The schedule is seeded relative to the server's (UTC) date, so "today" for the form is that date.
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <section aria-labelledby="hero-title" className="bg-gradient-to-b from-hero-from to-hero-to">
        <div className="mx-auto w-full max-w-6xl px-4 pt-10 pb-8 sm:px-6 sm:pt-16 sm:pb-12">
          <h1 id="hero-title" className="max-w-2xl text-3xl font-semibold tracking-tight text-balance sm:text-5xl">
            Book flights. Your fare waits in escrow until you fly.
          </h1>
          <p className="mt-3 max-w-2xl text-base text-muted-foreground sm:text-lg">
            Search real routes and pay from your Stellar wallet. The airline is paid after departure; if the flight is cancelled, the
            escrow refunds you.
          </p>
          <div className="mt-8">
            {/* In the page's shell, not behind a Suspense boundary of its own: React's HTML renderer streams even a
                finished boundary after the shell once the HTML before it passes 12,800 bytes (its progressiveChunkSize),
                and this one always did. A phone that painted the shell first saw everything below jump down by the
                form's height (#15, CLS 0.34). e2e/page-layout.spec.ts checks. */}
            <FlightSearchForm today={today} windowDays={config().env.SCHEDULE_DAYS} icons={searchIcons()} />
          </div>
        </div>
      </section>
      <EscrowSteps />
    </>
  );
}
