import type { LoyaltyEntry } from './types';

// The history as a spreadsheet reads it (RFC 4180: CRLF lines, fields quoted when they hold a
// comma, quote or line break). A field starting with = + - @ is prefixed with ' so a spreadsheet
// does not run it as a formula (reasons are our text, but the rule costs nothing).

const COLUMNS = ['id', 'occurred_at', 'kind', 'currency', 'amount', 'state', 'source', 'source_ref', 'reason'] as const;

function field(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function historyCsv(rows: readonly LoyaltyEntry[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => field(r[c])).join(','))].join('\r\n') + '\r\n';
}
