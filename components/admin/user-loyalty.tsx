import type { AdminMember } from '@/lib/loyalty/admin';
import { points, TIER_NAME } from '@/components/loyalty/tiers';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

// A user's standing in the rewards programme on their console page (rewards.manage; the figures
// come from the loyalty domain's own read, loyalty_admin_member). Adjustments stay on
// /admin/loyalty, where the member lookup takes this user's id.
export function UserLoyalty({ member }: { member: AdminMember }) {
  const s = member.summary;
  const facts: [string, string][] = [
    ['Tier', `${TIER_NAME[s.tier]}${s.tier_until ? ` until ${s.tier_until.slice(0, 10)}` : ''}`],
    ['Points', `${points(s.points.active)} active · ${points(s.points.pending)} pending${s.points_held > 0 ? ` · ${points(s.points_held)} held for a payment in progress` : ''}`],
    ['Tier credits this year', `${points(s.tier_credits.this_year)} · ${points(s.tier_credits.pending)} pending`],
    ['Points expire', s.points_expire_at ? s.points_expire_at.slice(0, 10) : '—'],
  ];
  return (
    <Card role="region" aria-labelledby="user-loyalty">
      <CardHeader>
        <CardTitle as="h2" id="user-loyalty">Loyalty</CardTitle>
        <CardDescription>{s.member ? `Member since ${s.joined_at?.slice(0, 10) ?? '—'}.` : 'Not a member yet: nothing earned.'} Adjust points on the Loyalty page.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
