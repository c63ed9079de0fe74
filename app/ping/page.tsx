import type { Metadata } from 'next';
import { HealthPanel } from '@/components/ping/health-panel';

export const metadata: Metadata = { title: 'System status' };

export default function PingPage() {
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">System status</h1>
      <p className="mt-2 text-muted-foreground">Live health of this Traqora server and its database, checked every few seconds.</p>
      <div className="mt-8">
        <HealthPanel />
      </div>
    </div>
  );
}
