import type { Metadata } from 'next';
import Link from 'next/link';
import { UsersIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { readListPage } from '@/lib/admin/list-page';
import { listUsers } from '@/lib/admin/users';
import { ROLES, type Role } from '@/lib/auth/types';
import { ListHeader } from '@/components/admin/list/header';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { ListTable } from '@/components/admin/list/table';
import { roleLabel } from '@/components/shell/role-label';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: Search }) {
  await consolePage('users.read');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? (raw[k] as string) : undefined);
  const role = ROLES.includes(one('role') as Role) ? (one('role') as Role) : undefined;
  const status = one('status') === 'active' || one('status') === 'suspended' ? (one('status') as 'active' | 'suspended') : undefined;
  const q = one('q')?.slice(0, 100);
  const { page, stale } = await readListPage(() => listUsers({ role, status, q, cursor: one('cursor'), limit: 50 }), { data: [], nextCursor: null });
  const href = (extra: Record<string, string | undefined> = {}) => listHref('/admin/users', { role, status, q, ...extra });

  return (
    <>
      <ListHeader title="Users">Travellers and staff: roles, wallets and account status.</ListHeader>
      <form method="get" action="/admin/users" className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4 shadow-sm">
        <div className="flex min-w-56 flex-1 flex-col gap-1.5">
          <label htmlFor="u-q" className="text-sm font-medium">Search</label>
          <Input id="u-q" name="q" defaultValue={q} placeholder="Name, email, wallet or user id" maxLength={100} />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="u-role" className="text-sm font-medium">Role</label>
          <NativeSelect id="u-role" name="role" defaultValue={role ?? ''} className="w-44">
            <option value="">Any</option>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="u-status" className="text-sm font-medium">Status</label>
          <NativeSelect id="u-status" name="status" defaultValue={status ?? ''} className="w-36">
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
          </NativeSelect>
        </div>
        <Button type="submit">Search</Button>
      </form>
      {stale && <ListProblem>That page of users can no longer be read; <Link href={href()} className="underline">start from the first page</Link>.</ListProblem>}
      <ListTable
        caption="Users, newest first"
        rows={page.data}
        rowKey={(u) => u.id}
        empty={stale ? null : <EmptyState icon={UsersIcon} title="No users match" headingLevel={2}>Try another name, role or status.</EmptyState>}
        columns={[
          {
            header: 'Name',
            cell: (u) => (
              <>
                <Link href={`/admin/users/${u.id}`} className="font-medium text-primary underline-offset-4 hover:underline">{u.name}</Link>
                <span className="block text-xs text-muted-foreground">{u.email ?? 'no email'}</span>
              </>
            ),
          },
          { header: 'Roles', cell: (u) => u.roles.map(roleLabel).join(', ') },
          { header: 'Wallets', cell: (u) => u.wallets.length },
          { header: 'Status', cell: (u) => <Badge variant={u.status === 'active' ? 'secondary' : 'destructive'}>{u.status}</Badge> },
          { header: 'Joined', className: 'whitespace-nowrap', cell: (u) => u.created_at.slice(0, 10) },
        ]}
      />
      <ListPager first={one('cursor') ? href() : null} next={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
    </>
  );
}
