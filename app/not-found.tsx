import type { Metadata } from 'next';
import Link from 'next/link';
import { DrawnIcon } from '@/components/ui/drawn-icon';
import { search } from '@/components/ui/drawings';
import { Button } from '@/components/ui/button';
import { StatusPage } from '@/components/shell/status-page';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="This page isn’t on the schedule"
      actions={
        <>
          <Button asChild>
            <Link href="/">
              <DrawnIcon drawing={search} aria-hidden="true" /> Search flights
            </Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/ping">System status</Link>
          </Button>
        </>
      }
    >
      <p>The address may be mistyped, or the page may have moved. Start a new search from the home page.</p>
    </StatusPage>
  );
}
