import { PortalNav } from '@/components/airline/portal-nav';
import { QueryProvider } from '@/components/query/query-provider';

// The airline portal's frame: its sections. Each page checks the viewer itself (portalPage):
// a layout is not re-run on client navigation.
export default function AirlinePortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      <PortalNav />
      {/* The portal's pages read the query cache, which the root layout leaves out (components/query/query-client.ts). */}
      <QueryProvider>{children}</QueryProvider>
    </div>
  );
}
