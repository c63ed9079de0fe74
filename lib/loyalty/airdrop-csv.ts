// The recipients of an airdrop from what a rewards manager pastes or uploads: a CSV (the first
// column of each row) or one recipient a line. A header row naming the column is skipped; quotes
// around a value and blank rows are dropped. Duplicates stay: the batch reports them.

const HEADER = /^(recipient|recipients|wallet|wallets|address|email|emails|member|member_id|user_id|id)$/i;

export function parseRecipients(text: string): string[] {
  const out: string[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const first = line.split(/[,;\t]/)[0]?.trim().replace(/^"(.*)"$/, '$1').trim() ?? '';
    if (!first || (i === 0 && HEADER.test(first))) continue;
    out.push(first);
  }
  return out;
}
