import { PortalNav } from '@/components/airline/portal-nav';

// The airline portal's frame: its sections. Each page checks the viewer itself (portalPage):
// a layout is not re-run on client navigation.
export default function AirlinePortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      <PortalNav />
      {children}
    </div>
  );
}
