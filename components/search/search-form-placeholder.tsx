import { Skeleton } from '@/components/ui/skeleton';

/**
 * Where the results page's search form will be while its code loads (deferred-search-form.tsx):
 * the form's card at the form's height (SearchPanel holds the same heights), so nothing moves
 * when it arrives. Announced as loading, not as a form.
 */
export function SearchFormPlaceholder() {
  return (
    <div aria-busy="true" className="flex h-[27rem] flex-col gap-4 rounded-2xl border bg-card p-4 shadow-lg sm:h-[342px] sm:p-6 lg:h-[252px]">
      <span className="sr-only">Loading the search form…</span>
      <div className="flex gap-2">
        <Skeleton className="h-9 w-40" />
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-9 w-28" />
      </div>
      <div className="grid flex-1 gap-4 lg:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)]">
        <Skeleton className="h-full min-h-14" />
        <Skeleton className="h-full min-h-14" />
      </div>
      <Skeleton className="h-11 w-full sm:ml-auto sm:w-40" />
    </div>
  );
}
