'use client';

import * as React from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { BOOKING_STATUSES } from '@/lib/admin/query';
import { STATUS_LABEL } from '@/components/trips/booking-status';

export interface BookingFilterValues {
  q?: string; status?: string; from?: string; to?: string; origin?: string; destination?: string;
  airline?: string; rail?: string; min_total?: string; max_total?: string; sort?: string; dir?: string;
}

const toMinor = (usd: string) => (usd.trim() === '' ? '' : String(Math.round(Number(usd) * 100)));
const toUsd = (minor?: string) => (minor ? String(Number(minor) / 100) : '');

/**
 * The bookings filters. Submitting writes them to the URL (amounts typed in dollars travel as
 * minor units, as the API takes them) and starts again at the first page; the server reads the
 * URL and answers any bad value with a message naming the field.
 */
export function BookingsFilters({ values }: { values: BookingFilterValues }) {
  const router = useRouter();
  const pathname = usePathname();
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    for (const [k, v] of form.entries()) {
      const text = String(v).trim();
      const value = k === 'min_total' || k === 'max_total' ? toMinor(text) : text;
      if (value) q.set(k, value);
    }
    router.push(q.size ? `${pathname}?${q}` : pathname);
  };
  return (
    <form onSubmit={submit} className="grid gap-3 rounded-xl border bg-card p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter bookings">
      <div className="flex flex-col gap-1.5 sm:col-span-2">
        <label htmlFor="f-q" className="text-sm font-medium">Search</label>
        <Input id="f-q" name="q" defaultValue={values.q} placeholder="PNR, email, passenger, wallet or tx hash" maxLength={100} />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="f-status" className="text-sm font-medium">Status</label>
        <NativeSelect id="f-status" name="status" defaultValue={values.status ?? ''}>
          <option value="">Any</option>
          {BOOKING_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
          <option value="cancelled,refunded">Cancelled or refunded</option>
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="f-rail" className="text-sm font-medium">Rail</label>
        <NativeSelect id="f-rail" name="rail" defaultValue={values.rail ?? ''}>
          <option value="">Any</option>
          <option value="ledger">Ledger</option>
          <option value="soroban">Soroban (on chain)</option>
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="f-from" className="text-sm font-medium">Booked from</label>
        <Input id="f-from" type="date" name="from" defaultValue={values.from} />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="f-to" className="text-sm font-medium">Booked to (inclusive)</label>
        <Input id="f-to" type="date" name="to" defaultValue={values.to} />
      </div>
      <div className="grid grid-cols-3 gap-2 sm:col-span-2">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="f-origin" className="text-sm font-medium">From airport</label>
          <Input id="f-origin" name="origin" defaultValue={values.origin} placeholder="JFK" maxLength={3} className="uppercase" />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="f-destination" className="text-sm font-medium">To airport</label>
          <Input id="f-destination" name="destination" defaultValue={values.destination} placeholder="LHR" maxLength={3} className="uppercase" />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="f-airline" className="text-sm font-medium">Airline</label>
          <Input id="f-airline" name="airline" defaultValue={values.airline} placeholder="BA" maxLength={2} className="uppercase" />
        </div>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="f-min" className="text-sm font-medium">Total at least (USD)</label>
        <Input id="f-min" name="min_total" type="number" min={0} step="0.01" defaultValue={toUsd(values.min_total)} />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="f-max" className="text-sm font-medium">Total at most (USD)</label>
        <Input id="f-max" name="max_total" type="number" min={0} step="0.01" defaultValue={toUsd(values.max_total)} />
      </div>
      {values.sort && <input type="hidden" name="sort" value={values.sort} />}
      {values.dir && <input type="hidden" name="dir" value={values.dir} />}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <Button type="submit">Apply filters</Button>
        <Button type="button" variant="ghost" onClick={() => router.push(pathname)}>Clear</Button>
      </div>
    </form>
  );
}
