import type * as React from 'react';
import { Banner } from '@/components/ui/banner';

/** A list's URL that no longer reads (an old cursor, a filter the list does not take). */
export function ListProblem({ children }: { children: React.ReactNode }) {
  return <Banner variant="warning" title="This link is out of date">{children}</Banner>;
}
