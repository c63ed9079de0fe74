import { permanentRedirect } from 'next/navigation';

// Public profiles moved to /members/{handle} (issue #11 names that address); links and
// bookmarks to the old one keep working with a permanent redirect (308).
export default async function OldMemberProfilePage({ params }: { params: Promise<{ handle: string }> }) {
  permanentRedirect(`/members/${encodeURIComponent((await params).handle)}`);
}
