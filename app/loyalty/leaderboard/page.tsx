import type { Metadata } from 'next';
import { isHttpProblem } from '@/lib/http/problem';
import { leaderboard, leaderboardQuery } from '@/lib/loyalty/profiles';
import { LeaderboardTable } from '@/components/loyalty/leaderboard-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Leaderboard · Traqora Rewards' };

const PAGE = 25;

// Published members by tier credits this year (opt-in: a member appears only after publishing
// their profile). A cursor this board did not issue shows the first page.
export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = leaderboardQuery.safeParse({ ...(await searchParams), limit: PAGE });
  const { page, first } = await boardPage(parsed.success ? parsed.data.cursor : undefined);
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 px-4 py-6 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Leaderboard</h1>
        <p className="text-sm text-muted-foreground">Members who chose to be here, ranked by the tier credits they earned this year.</p>
      </div>
      <LeaderboardTable page={page} first={first} />
    </div>
  );
}

/** The page at `cursor`, or the first page when the cursor is not one this board issued. */
async function boardPage(cursor: string | undefined) {
  try {
    return { page: await leaderboard({ cursor, limit: PAGE }), first: !cursor };
  } catch (err) {
    if (!isHttpProblem(err)) throw err;
    return { page: await leaderboard({ limit: PAGE }), first: true };
  }
}
