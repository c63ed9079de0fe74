import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { publicProfile } from '@/lib/loyalty/profiles';
import { PublicProfileView } from '@/components/loyalty/public-profile';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ handle: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle } = await params;
  return { title: `@${handle.toLowerCase().slice(0, 30)} · Traqora Rewards` };
}

// A member's published profile. A private profile is a 404 like an unknown handle, so the page
// does not tell that a private member exists.
export default async function MemberProfilePage({ params }: Props) {
  const profile = await publicProfile((await params).handle.toLowerCase());
  if (!profile) notFound();
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 px-4 py-6 sm:px-6">
      <PublicProfileView profile={profile} />
      <p className="text-sm">
        <Link className="font-medium underline underline-offset-2" href="/loyalty/leaderboard">See the leaderboard</Link>
      </p>
    </div>
  );
}
