import type * as React from 'react';
import { cn } from '@/components/ui/cn';
import { TableScroll } from '@/components/ui/table-scroll';

export interface ListColumn<R> {
  header: React.ReactNode;
  cell: (row: R) => React.ReactNode;
  /** Classes for the column's cells (width, wrapping); `right` aligns header and cells. */
  className?: string;
  align?: 'right';
}

/**
 * A console list's table (a server component): a caption for screen readers, one header row,
 * one row per item. `rowData` puts data-* attributes on a row (what tests and scripts find it
 * by); `empty` shows instead of the table when there are no rows.
 */
export function ListTable<R>({
  caption, columns, rows, rowKey, rowData, empty, className,
}: {
  caption: string;
  columns: readonly ListColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => React.Key;
  rowData?: (row: R) => Record<`data-${string}`, string | number>;
  empty?: React.ReactNode;
  /** The table's minimum width (a Tailwind min-w-* class), beyond which it scrolls sideways. */
  className?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <TableScroll label={caption} className="rounded-xl border bg-card">
      <table className={cn('w-full text-sm', className)}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b text-left text-muted-foreground">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={cn('p-3 font-medium', c.align === 'right' && 'text-right')}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)} className="align-top" {...rowData?.(r)}>
              {columns.map((c, j) => (
                <td key={j} className={cn('p-3', c.align === 'right' && 'text-right', c.className)}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
