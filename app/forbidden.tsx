import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { StatusPage } from '@/components/shell/status-page';

export const metadata: Metadata = { title: 'Not allowed' };

// forbidden() from a page: signed in, but without the permission the page needs.
export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="This page needs another role"
      actions={
        <Button asChild variant="outline">
          <Link href="/">Back to search</Link>
        </Button>
      }
    >
      <p>Your account is signed in but its roles do not include this part of Traqora. An admin can grant the role if you need it.</p>
    </StatusPage>
  );
}
