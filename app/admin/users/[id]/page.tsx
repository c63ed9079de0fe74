import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeftIcon } from 'lucide-react';
import { z } from 'zod';
import { listAudit } from '@/lib/admin/audit';
import { listAdminBookings } from '@/lib/admin/bookings';
import { consolePage } from '@/lib/admin/console-page';
import { can } from '@/lib/admin/permissions';
import { bookingsQuery } from '@/lib/admin/query';
import { getUser } from '@/lib/admin/users';
import { isDatabaseProblem } from '@/lib/db/port';
import { adminMember } from '@/lib/loyalty/admin';
import { AuditRows } from '@/components/admin/audit-rows';
import { BookingsTable } from '@/components/admin/bookings-table';
import { RoleForms, SuspensionForm } from '@/components/admin/user-forms';
import { UserLoyalty } from '@/components/admin/user-loyalty';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'User' };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer } = await consolePage('users.read');
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const user = await getUser(id.data).catch((err) => {
    if (isDatabaseProblem(err) && err.status === 404) notFound();
    throw err;
  });
  const bookings = can(viewer, 'bookings.read') ? await listAdminBookings({ ...bookingsQuery.parse({}), user_id: user.id, limit: 20 }) : null;
  const audit = can(viewer, 'audit.read') ? await listAudit({ resource_type: 'user', resource_id: user.id, limit: 20 }) : null;
  const loyalty = can(viewer, 'rewards.manage') ? await adminMember(user.id) : null;

  return (
    <>
      <Link href="/admin/users" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> Users
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{user.name}</h1>
        <Badge variant={user.status === 'active' ? 'secondary' : 'destructive'}>{user.status}</Badge>
      </div>
      <p className="text-sm text-muted-foreground">{user.email ?? 'No email'} · joined {user.created_at.slice(0, 10)} · <span className="font-mono text-xs">{user.id}</span></p>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader><CardTitle>Roles</CardTitle></CardHeader>
          <CardContent>
            {can(viewer, 'roles.grant') ? <RoleForms user={user} /> : <p className="text-sm">{user.roles.map((r) => r.role).join(', ')}</p>}
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>Account</CardTitle></CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div>
              <h3 className="text-sm font-medium">Wallets</h3>
              {user.wallets.length ? (
                <ul className="mt-1 flex flex-col gap-1">{user.wallets.map((w) => <li key={w} className="font-mono text-xs break-all">{w}</li>)}</ul>
              ) : <p className="text-sm text-muted-foreground">No linked wallet.</p>}
            </div>
            {can(viewer, 'users.suspend') && user.id !== viewer.id && <SuspensionForm user={user} />}
          </CardContent>
        </Card>
      </div>

      {loyalty && <UserLoyalty member={loyalty} />}
      {bookings && (
        <section aria-labelledby="user-bookings" className="flex flex-col gap-3">
          <h2 id="user-bookings" className="text-lg font-semibold">Bookings</h2>
          {bookings.data.length ? <BookingsTable rows={bookings.data} sort="created_at" dir="desc" /> : <p className="text-sm text-muted-foreground">No bookings.</p>}
          {bookings.nextCursor && <p className="text-sm text-muted-foreground">Showing the latest 20; search the bookings page for more.</p>}
        </section>
      )}
      {audit && (
        <Card>
          <CardHeader><CardTitle>Audit log</CardTitle></CardHeader>
          <CardContent><AuditRows rows={audit.data} empty="No staff action on this account yet." /></CardContent>
        </Card>
      )}
    </>
  );
}
