import { notFound } from 'next/navigation';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

// Clerk's hosted sign-in form, mounted only when Clerk is configured (dev personas and wallet
// sign-in cover the other modes). Clerk's component loads its UI from Clerk's frontend API.
export default async function SignInPage() {
  if (!config().mode.clerk) notFound();
  const { SignIn } = await import('@clerk/nextjs');
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-6 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Traqora</h1>
      <SignIn />
    </div>
  );
}
