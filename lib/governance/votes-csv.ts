import 'server-only';
import { listVotes } from './proposals';
import { formatTrq } from './trq-amount';

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // quotes doubled; a leading = + - @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every vote on a proposal by power, as CSV (weights in TRQ and in base units). */
export async function votesCsv(proposal: number): Promise<string> {
  const rows = ['voter,address,support,weight_trq,weight_base_units,reason,cast_at'];
  let cursor: string | undefined;
  do {
    const page = await listVotes(proposal, { sort: 'power', cursor, limit: 500 });
    for (const v of page.data) {
      rows.push([v.voter.display_name, v.address, v.support, formatTrq(v.weight, { unit: false }).replace(/,/g, ''), v.weight, v.reason, v.cast_at].map(cell).join(','));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows.join('\r\n') + '\r\n';
}
