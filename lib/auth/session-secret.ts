import 'server-only';
import { config } from '@/lib/config';

// Outside production a fixed secret keeps `npm run dev` zero-configuration; config() refuses
// to start in production without SESSION_SECRET, so this fallback never signs a real session.
const LOCAL_DEVELOPMENT_SECRET = 'traqora-local-development-session-secret-do-not-use';

export function sessionSecret(): string {
  return config().env.SESSION_SECRET ?? LOCAL_DEVELOPMENT_SECRET;
}
