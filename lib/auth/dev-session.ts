import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { issueSession } from './session-issue';
import { PERSONAS, type Role, type Viewer } from './types';

/**
 * Signs in as a dev persona (created on first use, reused after) and sets the session
 * cookie. Returns null — and does nothing — where personas are not allowed.
 */
export async function signInDevPersona(input: { role: Role; name?: string; airline?: string }): Promise<Viewer | null> {
  if (!config().mode.devPersonas) return null;
  // Console roles without a listed persona get one named after the role ("Support persona").
  const name = input.name ?? PERSONAS.find((p) => p.role === input.role)?.name ?? `${input.role.replace('_', ' ')} persona`;
  const row = await (await db()).call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: input.role, name, airline: input.airline });
  await issueSession(row.id, 'dev');
  return { ...row, source: 'dev' };
}
