import { DrawnIcon } from '@/components/ui/drawn-icon';
import { gavel, lockKeyhole, plane } from '@/components/ui/drawings';

const STEPS = [
  {
    icon: lockKeyhole,
    title: 'Pay into escrow',
    body: 'Your fare goes from your Stellar wallet into a Soroban escrow contract, not to the airline.',
  },
  {
    icon: plane,
    title: 'Fly, then the airline is paid',
    body: 'The escrow releases the fare after the flight has flown. If the airline cancels, it refunds you.',
  },
  {
    icon: gavel,
    title: 'Disputes go to a jury',
    body: 'If something goes wrong, TRQ holders review the case and vote on the outcome.',
  },
] as const;

/** Why booking here is different, in three steps, under the search form. */
export function EscrowSteps() {
  return (
    <section aria-labelledby="how-it-works" className="mx-auto w-full max-w-6xl px-4 py-12 sm:px-6">
      <h2 id="how-it-works" className="text-xl font-semibold tracking-tight">
        How paying with Traqora works
      </h2>
      <ol className="mt-6 grid gap-4 sm:grid-cols-3">
        {STEPS.map(({ icon, title, body }, i) => (
          <li key={title} className="rounded-xl border bg-card p-5">
            <div className="flex items-center gap-3">
              <span className="flex size-9 items-center justify-center rounded-lg bg-accent text-accent-foreground">
                <DrawnIcon drawing={icon} className="size-5" aria-hidden="true" />
              </span>
              <span className="text-xs font-medium text-muted-foreground">Step {i + 1}</span>
            </div>
            <h3 className="mt-3 font-semibold">{title}</h3>
            <p className="mt-1 text-sm text-muted-foreground">{body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
