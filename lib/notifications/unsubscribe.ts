import 'server-only';
import { sessionSecret } from '@/lib/auth/session-secret';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { kindOf } from './catalogue';
import { verifyUnsubscribe } from './unsubscribe-token';

/** What a signed unsubscribe token turns off, or a 400 naming the token. Works signed out. */
export async function readUnsubscribeToken(token: string): Promise<{ userId: string; type: string; channel: string; label: string }> {
  const claim = await verifyUnsubscribe(token, sessionSecret());
  const kind = claim && kindOf(claim.type);
  if (!claim || !kind) throw new HttpProblem(400, 'This unsubscribe link is not valid.', [{ field: 'token', message: 'is not a valid unsubscribe token' }]);
  return { ...claim, label: kind.label };
}

export async function unsubscribe(token: string): Promise<{ type: string; channel: string; label: string }> {
  const claim = await readUnsubscribeToken(token);
  await (await db()).call('unsubscribe_notifications', { user_id: claim.userId, type: claim.type, channel: claim.channel });
  return { type: claim.type, channel: claim.channel, label: claim.label };
}
