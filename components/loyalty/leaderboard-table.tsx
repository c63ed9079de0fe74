import Link from 'next/link';
import { TrophyIcon } from 'lucide-react';
import type { LeaderboardPage } from '@/lib/loyalty/types';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { TableScroll } from '@/components/ui/table-scroll';
import { points, TIER_NAME } from './tiers';

/** One page of the leaderboard, each handle linking to its profile, and the way to the next page. */
export function LeaderboardTable({ page, first }: { page: LeaderboardPage; first: boolean }) {
  if (page.data.length === 0) {
    return (
      <EmptyState icon={TrophyIcon} title="Nobody on the board yet" headingLevel={2}>
        Members appear here once they publish their profile from <Link className="underline underline-offset-2" href="/loyalty">Traqora Rewards</Link>.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <TableScroll label="Leaderboard" className="-mx-2">
        <table className="w-full text-sm" data-testid="leaderboard">
          <caption className="px-2 pb-2 text-left text-sm text-muted-foreground">
            {points(page.members)} published {page.members === 1 ? 'member' : 'members'}, by tier credits earned in {page.year}
          </caption>
          <thead>
            <tr className="border-b text-left text-muted-foreground">
              <th scope="col" className="px-2 py-2 font-medium">Rank</th>
              <th scope="col" className="px-2 py-2 font-medium">Member</th>
              <th scope="col" className="px-2 py-2 font-medium">Tier</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Trips</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Tier credits</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((e) => (
              <tr key={e.handle} className="border-b last:border-0">
                <td className="px-2 py-2 tabular-nums">{e.rank}</td>
                <th scope="row" className="px-2 py-2 text-left font-medium">
                  <Link className="text-primary underline-offset-2 hover:underline" href={`/members/${e.handle}`}>@{e.handle}</Link>
                </th>
                <td className="px-2 py-2"><Badge variant="outline">{TIER_NAME[e.tier]}</Badge></td>
                <td className="px-2 py-2 text-right tabular-nums">{points(e.trips)}</td>
                <td className="px-2 py-2 text-right tabular-nums">{points(e.tier_credits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <nav aria-label="Leaderboard pages" className="flex gap-4 text-sm">
        {!first && <Link className="font-medium underline underline-offset-2" href="/loyalty/leaderboard">First page</Link>}
        {page.nextCursor && (
          <Link className="font-medium underline underline-offset-2" href={`/loyalty/leaderboard?cursor=${encodeURIComponent(page.nextCursor)}`}>Next page</Link>
        )}
      </nav>
    </div>
  );
}
