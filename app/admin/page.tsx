import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LayoutDashboardIcon } from 'lucide-react';
import { consoleViewer } from '@/lib/admin/console-page';
import { can } from '@/lib/admin/permissions';
import { adminNavFor } from '@/components/admin/nav-items';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Overview' };

export default async function AdminOverviewPage() {
  const { viewer, permissions } = await consoleViewer();
  if (!can(viewer, 'analytics.read')) {
    // Staff without analytics (support, ops, …) start at their first section.
    const first = adminNavFor(permissions)[0];
    if (first) redirect(first.href);
    return (
      <EmptyState icon={LayoutDashboardIcon} title="Nothing to show yet" headingLevel={2}>
        Your roles open parts of the console that have no pages yet.
      </EmptyState>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
      <p className="text-muted-foreground">Bookings, money in escrow and payouts for the period.</p>
    </>
  );
}
