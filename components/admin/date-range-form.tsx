import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

/**
 * The overview's period as a plain GET form: the range lives in the URL (shareable, back
 * button works) and the form works before any JavaScript has loaded. `to` is inclusive.
 */
export function DateRangeForm({ from, to, interval, error }: { from: string; to: string; interval: string; error?: string }) {
  return (
    <form method="get" action="/admin" className="flex flex-wrap items-end gap-3" aria-describedby={error ? 'range-error' : undefined}>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="range-from" className="text-sm font-medium">From</label>
        <Input id="range-from" type="date" name="from" defaultValue={from} required className="w-40" />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="range-to" className="text-sm font-medium">To (inclusive)</label>
        <Input id="range-to" type="date" name="to" defaultValue={to} required className="w-40" />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="range-interval" className="text-sm font-medium">By</label>
        <NativeSelect id="range-interval" name="interval" defaultValue={interval} className="w-32">
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </NativeSelect>
      </div>
      <Button type="submit">Apply</Button>
      {error && <p id="range-error" className="w-full text-sm text-destructive">{error}</p>}
    </form>
  );
}
