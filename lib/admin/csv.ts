// CSV for the console's exports (RFC 4180): a header, then one line per row, streamed page by
// page so an export of any size holds one page in memory.

type Cell = string | number | boolean | null | undefined;

/**
 * One field: quoted when it holds a comma, quote or line break. Text a spreadsheet would run as
 * a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP's CSV injection advice);
 * numbers are written as they are.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * A byte stream of `header` then the rows of every page: `page(cursor)` is asked for the next
 * page only when the consumer wants more (pull), so a slow client slows the database reads
 * instead of filling memory. The first page is read before the stream exists, so a request the
 * database refuses (an unknown airline, a bad filter) is the handler's problem+json answer, not a
 * download cut off after its headers were sent.
 */
export async function csvStream<R>(
  header: readonly string[],
  toCells: (row: R) => Cell[],
  page: (cursor: string | undefined) => Promise<{ data: R[]; nextCursor: string | null }>,
): Promise<ReadableStream<Uint8Array>> {
  return csvTextStream(header, async (cursor) => {
    const { data, nextCursor } = await page(cursor);
    return { csv: data.map((r) => csvLine(toCells(r))).join(''), nextCursor };
  });
}

/**
 * The same stream when the database writes the lines itself (`csv`: a page of CRLF-terminated
 * lines, quoted and guarded as csvField does): nothing is parsed or formatted per row here.
 */
export async function csvTextStream(
  header: readonly string[],
  page: (cursor: string | undefined) => Promise<{ csv: string; nextCursor: string | null }>,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await page(undefined);
  let pending: string | null = csvLine(header) + first.csv;
  let cursor: string | undefined = first.nextCursor ?? undefined;
  let done = !first.nextCursor;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== null) {
        controller.enqueue(encoder.encode(pending));
        pending = null;
        if (done) controller.close();
        return;
      }
      if (done) return controller.close();
      const { csv, nextCursor } = await page(cursor);
      if (csv) controller.enqueue(encoder.encode(csv));
      cursor = nextCursor ?? undefined;
      if (!nextCursor) {
        done = true;
        controller.close();
      }
    },
  });
}

/** Response headers for a download named `filename`. */
export function csvHeaders(filename: string): HeadersInit {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  };
}
