'use client';

import * as React from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GlobeIcon, LockIcon } from 'lucide-react';
import type { ProfileSettings } from '@/lib/loyalty/types';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';

// The member's public profile switch: private by default; publishing needs a handle, and shows
// only the handle, tier, badges, trips count and this year's tier credits (GET/PUT /loyalty/profile).

export function ProfileCard() {
  const q = useQuery({
    queryKey: ['loyalty', 'profile'],
    queryFn: ({ signal }) => fetchJson<{ data: ProfileSettings }>('/api/v1/loyalty/profile', { signal }).then((r) => r.data),
  });
  if (q.data === undefined) {
    return <QueryState query={q} label="Loading your profile settings…" skeleton={<Skeleton className="h-32 w-full" />} failed="We couldn’t load your profile settings" />;
  }
  return <ProfileForm settings={q.data} />;
}

function ProfileForm({ settings }: { settings: ProfileSettings }) {
  const queryClient = useQueryClient();
  const [handle, setHandle] = React.useState(settings.handle ?? '');
  const save = useMutation({
    mutationFn: (publish: boolean) =>
      fetchJson<{ data: ProfileSettings }>('/api/v1/loyalty/profile', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ public: publish, handle: handle.trim() || null }),
      }).then((r) => r.data),
    onSuccess: (data) => queryClient.setQueryData(['loyalty', 'profile'], data),
  });
  const handleError = save.error instanceof ApiError ? save.error.problem.errors?.find((e) => e.field === 'body.handle' || e.field === 'handle') : undefined;
  const published = settings.public;

  return (
    <Card data-testid="public-profile">
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          {published ? <GlobeIcon className="size-5" aria-hidden="true" /> : <LockIcon className="size-5" aria-hidden="true" />} Public profile
        </CardTitle>
        <CardDescription>
          {published ? (
            <>
              Your profile is public at{' '}
              <Link className="font-medium underline underline-offset-2" href={`/members/${settings.handle}`}>/members/{settings.handle}</Link>{' '}
              and you are on the <Link className="font-medium underline underline-offset-2" href="/loyalty/leaderboard">leaderboard</Link>.
            </>
          ) : (
            'Your profile is private. Publish it to appear on the leaderboard.'
          )}{' '}
          It shows only your handle, tier, badges, number of trips and this year’s tier credits — never your name, email, wallet or bookings.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(true);
          }}
        >
          <Field id="profile-handle" label="Handle" hint="3–30 letters, digits, _ or -" error={handleError && (handleError.field === 'handle' ? handleError.message : `The handle ${handleError.message}.`)} className="flex-1">
            <Input value={handle} onChange={(e) => setHandle(e.target.value.toLowerCase())} autoComplete="off" spellCheck={false} maxLength={30} />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending || (published && handle.trim() === settings.handle)}>
              {published ? 'Change handle' : 'Publish profile'}
            </Button>
            {published && (
              <Button type="button" variant="outline" disabled={save.isPending} onClick={() => save.mutate(false)}>
                Make private
              </Button>
            )}
          </div>
        </form>
        {save.isError && !handleError && <Banner variant="error" compact className="mt-3">{save.error.message}</Banner>}
        <p className="sr-only" aria-live="polite">{save.isSuccess ? (save.data.public ? 'Profile published' : 'Profile is private') : ''}</p>
      </CardContent>
    </Card>
  );
}
