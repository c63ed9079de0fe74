import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, pageQuery } from '@/lib/http/cursor';
import type { LeaderboardEntry, LeaderboardPage, ProfileSettings, PublicProfile } from './types';

// Public profiles and the leaderboard (supabase/routines/95_loyalty.sql): opt-in, under a handle.
// What a profile shows is decided in SQL (loyalty_public_json), so no caller can show more.

export const HANDLE = /^[a-z0-9][a-z0-9_-]{2,29}$/;
const handleText = z.string({ error: 'must be text' }).trim().toLowerCase()
  .regex(HANDLE, 'must be 3 to 30 letters, digits, _ or -, starting with a letter or digit');

export const profileSettingsSchema = z.object({
  public: z.boolean({ error: 'must be true or false' }),
  /** Absent or null keeps the handle already chosen. */
  handle: handleText.nullish(),
});
export type ProfileSettingsInput = z.output<typeof profileSettingsSchema>;

export const handleParams = z.object({ handle: z.string().max(60, 'is not a member handle').transform((h) => h.toLowerCase()) });

const leaderboardCursor = z.object({ y: z.number().int().min(2000).max(9999), c: z.number().int().min(0), h: z.string().regex(HANDLE) });
export const leaderboardQuery = pageQuery;

export async function profileSettings(userId: string): Promise<ProfileSettings> {
  return (await db()).call<ProfileSettings>('loyalty_profile_settings', { user_id: userId });
}

export async function setProfile(userId: string, input: ProfileSettingsInput): Promise<ProfileSettings> {
  return (await db()).call<ProfileSettings>('loyalty_set_profile', { user_id: userId, public: input.public, handle: input.handle ?? null });
}

/** A published profile, or null for an unknown handle and a private profile alike. */
export async function publicProfile(handle: string): Promise<PublicProfile | null> {
  if (!HANDLE.test(handle)) return null;
  return (await db()).call<PublicProfile | null>('loyalty_public_profile', { handle });
}

interface LeaderboardRows { year: number; members: number; data: LeaderboardEntry[]; next: { tier_credits: number; handle: string } | null }

/**
 * Published members by tier credits this year. The cursor carries its year, so a client paging
 * across New Year finishes the board it started rather than jumping into an empty new one.
 */
export async function leaderboard(q: z.output<typeof leaderboardQuery>, now = new Date()): Promise<LeaderboardPage> {
  const after = decodeCursor(q.cursor, leaderboardCursor);
  const year = after?.y ?? now.getUTCFullYear();
  const page = await (await db()).call<LeaderboardRows>('loyalty_leaderboard', {
    year, after_credits: after?.c ?? null, after_handle: after?.h ?? null, limit: q.limit,
  });
  return {
    year: page.year, members: page.members, data: page.data,
    nextCursor: encodeCursor(page.next && { y: year, c: page.next.tier_credits, h: page.next.handle }),
  };
}
