import { describe, expect, it } from 'vitest';
import { parseRecipients } from '@/lib/loyalty/airdrop-csv';

describe('airdrop recipients from CSV or a list', () => {
  it('takes the first column of each row, skipping a header, quotes and blank rows; duplicates stay for the batch to report', () => {
    const csv = 'wallet,note\r\n"GABC",first\n\nana@example.test;x\n  GABC  \n';
    expect(parseRecipients(csv)).toEqual(['GABC', 'ana@example.test', 'GABC']);
  });

  it('a plain list needs no header; a first row that is a recipient is kept', () => {
    expect(parseRecipients('ana@example.test\nbo@example.test')).toEqual(['ana@example.test', 'bo@example.test']);
    expect(parseRecipients('Email\nana@example.test')).toEqual(['ana@example.test']);
    expect(parseRecipients('')).toEqual([]);
  });
});
