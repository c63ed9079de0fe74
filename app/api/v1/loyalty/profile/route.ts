import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { profileAnswer } from '@/lib/loyalty/answers';
import { profileSettings, profileSettingsSchema, setProfile } from '@/lib/loyalty/profiles';

export const dynamic = 'force-dynamic';

// The viewer's public profile settings: private by default; PUT publishes or hides it and sets
// its handle (a handle another member holds is a 409 naming body.handle).
export const GET = handler({ name: 'loyalty.profile', auth: 'signed-in', response: profileAnswer }, async ({ viewer }) => ({ data: await profileSettings(viewer.id) }));

export const PUT = handler({ name: 'loyalty.profile.update', auth: 'signed-in', body: profileSettingsSchema, response: profileAnswer }, async ({ viewer, body }) =>
  ({ data: await setProfile(viewer.id, body) }));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'PUT');
