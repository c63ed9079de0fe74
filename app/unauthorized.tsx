import type { Metadata } from 'next';
import { config } from '@/lib/config';
import { StatusPage } from '@/components/shell/status-page';
import { SignInNeeded } from '@/components/shell/sign-in-needed';

export const metadata: Metadata = { title: 'Sign in' };

// unauthorized() from a page: nobody is signed in. Locally the header's persona switcher signs in too.
export default function Unauthorized() {
  return (
    <StatusPage code="401" title="Sign in to continue" actions={<SignInNeeded clerk={config().mode.clerk} />}>
      <p>This page is for signed-in users. Sign in, and you will come back here.</p>
      {config().mode.devPersonas && <p className="mt-2 text-sm">Locally, the header’s persona switcher signs you in as a test user.</p>}
    </StatusPage>
  );
}
