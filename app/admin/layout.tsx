import type { Metadata } from 'next';
import type * as React from 'react';
import { consoleViewer } from '@/lib/admin/console-page';
import { AdminSidebar } from '@/components/admin/admin-sidebar';
import { QueryProvider } from '@/components/query/query-provider';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Console', template: '%s · Console · Traqora' } };

// The operators' console: anyone holding a console permission; each page checks its own again.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { permissions } = await consoleViewer();
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-4 px-4 py-6 sm:px-6 md:flex-row md:gap-8">
      <AdminSidebar permissions={permissions} />
      {/* The console's pages read the query cache, which the root layout leaves out (components/query/query-client.ts). */}
      <div className="flex min-w-0 flex-1 flex-col gap-6">
        <QueryProvider>{children}</QueryProvider>
      </div>
    </div>
  );
}
