'use client';

import { NativeSelect } from '@/components/ui/native-select';
import { CABINS, type Cabin } from '@/lib/flights/cabins';

// A native select: on a phone it opens the platform's own picker, and it costs the home page no
// JavaScript (Radix's Select was the largest piece of the search form's first load).
export function CabinSelect({ value, onChange }: { value: Cabin; onChange: (next: Cabin) => void }) {
  return (
    <>
      <label htmlFor="search-cabin" className="sr-only">
        Cabin
      </label>
      <NativeSelect
        id="search-cabin"
        value={value}
        onChange={(e) => onChange(e.target.value as Cabin)}
        className="h-8 w-auto max-w-full border-transparent bg-transparent px-2.5 shadow-none hover:bg-accent sm:px-3"
      >
        {CABINS.map((c) => (
          <option key={c.code} value={c.code}>
            {c.label}
          </option>
        ))}
      </NativeSelect>
    </>
  );
}
