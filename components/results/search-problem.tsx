import type * as React from 'react';
import { TriangleAlertIcon } from 'lucide-react';
import { cn } from '@/components/ui/cn';

const QUERY_FIELD: Record<string, string> = {
  date: 'Departure date',
  return_date: 'Return date',
  from: 'From',
  to: 'To',
  adults: 'Adults',
  children: 'Children',
  infants: 'Infants',
  cabin: 'Cabin',
};

/**
 * The results' own failures, in the shape of QueryError's panel (components/ui/query-state.tsx):
 * a search the URL asks for that cannot be run names the parameters at fault in the form's words
 * (retrying won't help); a search that failed offers `action` (Try again).
 */
export function SearchProblem({ title, issues = [], detail, action }: { title: string; issues?: { field: string; message: string }[]; detail?: string; action?: React.ReactNode }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-3 rounded-xl border border-destructive/40 bg-card px-6 py-12 text-center">
      <TriangleAlertIcon className="size-8 text-destructive" aria-hidden="true" />
      <h3 className={cn('text-base font-semibold')}>{title}</h3>
      <div className="max-w-md text-sm text-muted-foreground">
        {issues.length ? (
          <ul>
            {issues.map((f, i) => (
              <li key={i}>
                {QUERY_FIELD[f.field] ?? f.field} {f.message}
              </li>
            ))}
          </ul>
        ) : (
          detail
        )}
      </div>
      {issues.length > 0 && <p className="text-sm">Change the search above and search again.</p>}
      {action}
    </div>
  );
}
