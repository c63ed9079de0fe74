import type { SendMailOptions } from 'nodemailer';
import { kindOf } from '@/lib/notifications/catalogue';
import type { ChannelSender } from '@/lib/notifications/deliver';
import { signUnsubscribe } from '@/lib/notifications/unsubscribe-token';
import { renderEmail } from './render';

/** What the sender needs of a nodemailer transport (tests pass their own). */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<unknown>;
}

export interface EmailSenderOptions {
  transport: MailTransport;
  from: string;
  /** Public origin of the app, for links (no trailing slash). */
  appUrl: string;
  /** Signs the unsubscribe tokens. */
  secret: string;
}

/** The email channel: the notification rendered in the app's look, HTML and text, with one-click unsubscribe. */
export function emailSender({ transport, from, appUrl, secret }: EmailSenderOptions): ChannelSender {
  const origin = appUrl.replace(/\/+$/, '');
  return {
    async send(d) {
      if (!d.address) throw new Error('no email address');
      const n = d.notification;
      const token = await signUnsubscribe({ userId: d.user_id, type: n.type, channel: 'email' }, secret);
      const unsubscribeUrl = `${origin}/unsubscribe?token=${encodeURIComponent(token)}`;
      const kind = kindOf(n.type);
      const { html, text } = await renderEmail({
        title: n.title, body: n.body, actionUrl: n.link ? `${origin}${n.link}` : undefined,
        actionLabel: kind?.actionLabel, unsubscribeUrl, kindLabel: kind?.label ?? n.type,
      });
      await transport.sendMail({
        from, to: d.address, subject: n.title, html, text,
        headers: {
          // RFC 8058 one-click: mail clients POST here, no sign-in needed.
          'List-Unsubscribe': `<${origin}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'X-Traqora-Notification': String(n.id),
        },
      });
    },
  };
}
