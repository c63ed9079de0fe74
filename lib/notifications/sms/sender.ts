import type { ChannelSender } from '@/lib/notifications/deliver';

// SMS behind one small transport interface: a log transport locally, and an HTTP transport for
// Twilio's Messages API (or anything that speaks it): POST
// {base}/2010-04-01/Accounts/{sid}/Messages.json, Basic auth, form fields To, From, Body.

export interface SmsTransport {
  send(message: { to: string; from: string; body: string }): Promise<void>;
}

/** SMS_URL = https://<account sid>:<auth token>@api.twilio.com (the base, credentials in it). */
export function twilioTransport(url: string, fetchImpl: typeof fetch = fetch): SmsTransport {
  const u = new URL(url);
  const sid = decodeURIComponent(u.username);
  const token = decodeURIComponent(u.password);
  if (!sid || !token) throw new Error('SMS_URL must carry the account sid and auth token as user:password');
  const endpoint = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
  return {
    async send({ to, from, body }) {
      const res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ To: to, From: from, Body: body }),
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status !== 201 && res.status !== 200) {
        const problem = (await res.json().catch(() => null)) as { code?: number; message?: string } | null;
        throw new Error(`SMS refused (${res.status}${problem?.code ? ` code ${problem.code}` : ''}): ${problem?.message ?? res.statusText}`);
      }
    },
  };
}

export function logTransport(log: (message: { to: string; from: string; body: string }) => void): SmsTransport {
  return { send: async (m) => log(m) };
}

/** Texts are short: the title, and the link to open (SMS has no HTML, no unsubscribe footer but the settings page). */
export function smsSender(opts: { transport: SmsTransport; from: string; appUrl: string }): ChannelSender {
  const origin = opts.appUrl.replace(/\/+$/, '');
  return {
    async send(d) {
      if (!d.address) throw new Error('no phone number');
      const n = d.notification;
      const body = `Traqora: ${n.title}${n.link ? ` ${origin}${n.link}` : ''}`;
      await opts.transport.send({ to: d.address, from: opts.from, body: body.slice(0, 320) });
    },
  };
}
