'use client';

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { CABINS, type Cabin } from '@/lib/flights/cabins';

export function CabinSelect({ value, onChange }: { value: Cabin; onChange: (next: Cabin) => void }) {
  return (
    <>
      {/* Radix renders a combobox button: its name comes from a label, not from its text. */}
      <label htmlFor="search-cabin" className="sr-only">
        Cabin
      </label>
      <Select value={value} onValueChange={(v) => onChange(v as Cabin)}>
        <SelectTrigger
          id="search-cabin"
          className="h-8 w-auto justify-self-start gap-1.5 border-transparent bg-transparent px-2.5 shadow-none hover:bg-accent sm:px-3"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent className="min-w-44">
          {CABINS.map((c) => (
            <SelectItem key={c.code} value={c.code}>
              {c.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </>
  );
}
