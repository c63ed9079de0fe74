import { Skeleton } from '@/components/ui/skeleton';
import { ResultSkeleton } from './result-skeleton';

/**
 * What the results' Suspense boundary shows until React reveals the streamed results. The server
 * sends the results after the page shell (React streams every boundary that was not ready when the
 * shell went out), and the browser may paint the shell first: with nothing here the footer sat
 * just below the search form and was thrown off the screen when the results arrived (a layout shift
 * of 0.887 on a desktop, #14). At least a screen tall, so nothing already on screen is below it.
 */
export function ResultsPlaceholder() {
  return (
    <div className="flex min-h-dvh flex-col gap-4" aria-busy="true">
      <Skeleton className="h-20 w-full rounded-xl" />
      <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <Skeleton className="hidden h-80 rounded-xl lg:block" />
        <div className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">Searching flights…</p>
          {Array.from({ length: 5 }, (_, i) => (
            <ResultSkeleton key={i} />
          ))}
        </div>
      </div>
    </div>
  );
}
