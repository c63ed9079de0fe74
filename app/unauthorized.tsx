import type { Metadata } from 'next';
import { config } from '@/lib/config';
// Drawn without lucide-react's components: every page's HTML names this boundary, and their client Icon base would join every first load.
import { DrawnIcon } from '@/components/ui/drawn-icon';
import { logIn, wallet } from '@/components/ui/drawings';
import { StatusPage } from '@/components/shell/status-page';
import { SignInNeeded } from '@/components/shell/sign-in-needed';
import { buttonVariants } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Sign in' };

// unauthorized() from a page: nobody is signed in. Locally the header's persona switcher signs in too.
export default function Unauthorized() {
  return (
    <StatusPage
      code="401"
      title="Sign in to continue"
      actions={
        <SignInNeeded
          clerk={config().mode.clerk}
          looks={{ main: buttonVariants(), other: buttonVariants({ variant: 'outline' }) }}
          icons={{ wallet: <DrawnIcon drawing={wallet} aria-hidden="true" />, signIn: <DrawnIcon drawing={logIn} aria-hidden="true" /> }}
        />
      }
    >
      <p>This page is for signed-in users. Sign in, and you will come back here.</p>
      {config().mode.devPersonas && <p className="mt-2 text-sm">Locally, the header’s persona switcher signs you in as a test user.</p>}
    </StatusPage>
  );
}
