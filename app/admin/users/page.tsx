import type { Metadata } from 'next';
import Link from 'next/link';
import { UsersIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { listUsers } from '@/lib/admin/users';
import { ROLES, type Role } from '@/lib/auth/types';
import { isHttpProblem } from '@/lib/http/problem';
import { roleLabel } from '@/components/shell/role-label';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
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
  let problem: string | undefined;
  let page: Awaited<ReturnType<typeof listUsers>> = { data: [], nextCursor: null };
  try {
    page = await listUsers({ role, status, q, cursor: one('cursor'), limit: 50 });
  } catch (err) {
    if (!isHttpProblem(err) || err.status !== 400) throw err;
    problem = 'That page link is out of date; start from the first page.';
  }
  const filters = new URLSearchParams(Object.entries({ role, status, q }).filter(([, v]) => v) as [string, string][]);

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="text-sm text-muted-foreground">Travellers and staff: roles, wallets and account status.</p>
      </div>
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
      {problem && <Banner variant="warning" title="Page link expired">{problem}</Banner>}
      {page.data.length ? (
        <div className="overflow-x-auto rounded-xl border bg-card shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">Users, newest first</caption>
            <thead className="border-b bg-muted/50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Name</th>
                <th scope="col" className="px-3 py-2 font-medium">Roles</th>
                <th scope="col" className="px-3 py-2 font-medium">Wallets</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">Joined</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((u) => (
                <tr key={u.id} className="border-b last:border-0">
                  <td className="px-3 py-2">
                    <Link href={`/admin/users/${u.id}`} className="font-medium text-primary underline-offset-4 hover:underline">{u.name}</Link>
                    <span className="block text-xs text-muted-foreground">{u.email ?? 'no email'}</span>
                  </td>
                  <td className="px-3 py-2">{u.roles.map(roleLabel).join(', ')}</td>
                  <td className="px-3 py-2">{u.wallets.length}</td>
                  <td className="px-3 py-2">
                    <Badge variant={u.status === 'active' ? 'secondary' : 'destructive'}>{u.status}</Badge>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{u.created_at.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        !problem && <EmptyState icon={UsersIcon} title="No users match" headingLevel={2}>Try another name, role or status.</EmptyState>
      )}
      <nav aria-label="Pages" className="flex gap-2">
        {one('cursor') && <Button asChild variant="outline" size="sm"><Link href={`/admin/users?${filters}`}>First page</Link></Button>}
        {page.nextCursor && (
          <Button asChild variant="outline" size="sm">
            <Link href={`/admin/users?${new URLSearchParams({ ...Object.fromEntries(filters), cursor: page.nextCursor })}`}>Next page</Link>
          </Button>
        )}
      </nav>
    </>
  );
}
