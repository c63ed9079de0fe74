import { Skeleton } from '@/components/ui/skeleton';

/** One offer card's shape while offers load. */
export function ResultSkeleton() {
  return (
    <div className="rounded-xl border bg-card p-5 shadow-sm">
      <div className="flex items-center gap-6">
        <div className="flex flex-1 flex-col gap-2">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-28" />
        </div>
        <Skeleton className="hidden h-5 w-20 sm:block" />
        <Skeleton className="hidden h-5 w-16 sm:block" />
        <Skeleton className="h-7 w-20" />
      </div>
    </div>
  );
}
