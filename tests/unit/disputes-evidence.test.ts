import { describe, expect, it } from 'vitest';
import { evidenceFromForm, MAX_FILE_BYTES, sniffEvidence } from '@/lib/disputes/evidence';
import { drawJury, seedCommitment } from '@/lib/disputes/draw';

// Evidence is judged by its bytes before it reaches the database (which checks again), and
// problems name the file; the jury draw is the documented recipe.

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF');
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const form = (...files: [string, Uint8Array, string][]) => {
  const f = new FormData();
  for (const [name, bytes, type] of files) f.append('files', new File([bytes as BlobPart], name, { type }));
  return f;
};

describe('evidence files', () => {
  it('knows PDF, PNG and JPEG by their first bytes, whatever else they claim', () => {
    expect(sniffEvidence(PNG)).toBe('image/png');
    expect(sniffEvidence(PDF)).toBe('application/pdf');
    expect(sniffEvidence(JPEG)).toBe('image/jpeg');
    expect(sniffEvidence(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffEvidence(PNG.slice(0, 7))).toBeNull();   // a truncated signature is not a PNG
    expect(sniffEvidence(new Uint8Array())).toBeNull();
  });

  it('refuses a renamed file, a big one and a sixth, naming it; takes the rest as base64', async () => {
    await expect(evidenceFromForm(form(['a.png', PNG, 'image/png'], ['b.pdf', new TextEncoder().encode('<html>'), 'application/pdf']), false))
      .rejects.toMatchObject({ status: 422, errors: [{ field: 'files[1]' }] });
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(PNG);
    await expect(evidenceFromForm(form(['big.png', big, 'image/png']), false)).rejects.toMatchObject({ status: 422, errors: [{ field: 'files[0]' }] });
    await expect(evidenceFromForm(form(...Array.from({ length: 6 }, (_, i) => [`${i}.png`, PNG, 'image/png'] as [string, Uint8Array, string])), false))
      .rejects.toMatchObject({ status: 422, errors: [{ field: 'files' }] });
    await expect(evidenceFromForm(new FormData(), true)).rejects.toMatchObject({ status: 422, errors: [{ field: 'files' }] });
    const ok = await evidenceFromForm(form(['scan.pdf', JPEG, 'application/pdf']), false);
    expect(ok).toEqual([{ name: 'scan.pdf', content: Buffer.from(JPEG).toString('base64') }]);
  });
});

describe('the jury draw', () => {
  const seed = 'ab'.repeat(32);
  const candidates = ['a', 'b', 'c', 'd', 'e'].map((user_id, i) => ({ user_id, weight: String((i + 1) * 1_000_000_000) }));
  it('draws distinct jurors, the same for the same seed, and commits to the seed by sha256', () => {
    const seats = drawJury(seed, candidates, 3);
    expect(new Set(seats).size).toBe(3);
    expect(drawJury(seed, candidates, 3)).toEqual(seats);
    expect(drawJury(seed, candidates, 10)).toHaveLength(5);
    expect(seedCommitment(seed)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('favours stake: over many seeds the heaviest candidate takes the first seat most often', () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 600; i++) {
      const s = i.toString(16).padStart(64, '0');
      const [first] = drawJury(s, candidates, 1);
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // weights 1:2:3:4:5 → e expects 200 of 600, a 40
    expect(firsts.get('e')!).toBeGreaterThan(150);
    expect(firsts.get('a') ?? 0).toBeLessThan(80);
  });
});

describe('dispute notifications', () => {
  it('tells each drawn juror, and the traveller when support asks for evidence', async () => {
    const { kindOf } = await import('@/lib/notifications/catalogue');
    const drawn = kindOf('jury_duty')!.draft({ id: 1, type: 'jury.drawn', payload: { jurors: ['u1', 'u2'], commit_ends_at: '2026-12-08T10:00:00Z' } });
    expect(drawn.map((d) => [d.userId, d.link])).toEqual([['u1', '/disputes'], ['u2', '/disputes']]);
    const asked = kindOf('dispute_update')!.draft({ id: 2, type: 'dispute.evidence_requested', payload: { user_id: 't', message: 'Add your boarding pass.' } });
    expect(asked).toEqual([expect.objectContaining({ userId: 't', body: expect.stringContaining('Add your boarding pass.') })]);
  });

  it('tells the jurors who committed that the reveal window is open, urgently (the jury clock)', async () => {
    const { kindOf } = await import('@/lib/notifications/catalogue');
    expect(kindOf('jury_duty')!.events).toContain('jury.reveal_opened');
    const reveal = kindOf('jury_duty')!.draft({ id: 3, type: 'jury.reveal_opened', payload: { jurors: ['u1'], reveal_ends_at: '2026-12-09T10:00:00Z' } });
    expect(reveal).toEqual([expect.objectContaining({ userId: 'u1', link: '/disputes', urgent: true, title: 'Reveal your jury vote now' })]);
    expect(reveal[0].body).toContain('a vote not revealed does not count');
  });
});
