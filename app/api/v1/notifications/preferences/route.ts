import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { notificationSettingsAnswer } from '@/lib/notifications/answers';
import { getSettings, saveSettings, settingsSchema } from '@/lib/notifications/centre';

export const dynamic = 'force-dynamic';

// Where and when the viewer is reached (email, time zone, quiet hours) and each kind × channel.
export const GET = handler({ name: 'notifications.preferences.get', auth: 'signed-in', response: notificationSettingsAnswer }, async ({ viewer }) =>
  ({ data: await getSettings(viewer.id) }));

export const PUT = handler({ name: 'notifications.preferences.put', auth: 'signed-in', body: settingsSchema, response: notificationSettingsAnswer }, async ({ viewer, body }) =>
  ({ data: await saveSettings(viewer.id, body) }));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'PUT');
