import 'server-only';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { sessionSecret } from '@/lib/auth/session-secret';
import { config } from '@/lib/config';
import { logger } from '@/lib/log/logger';
import type { Channel } from './catalogue';
import type { ChannelSender } from './deliver';
import { db } from '@/lib/db/connect';
import { emailSender, type MailTransport } from './email/sender';
import { pushSender } from './push/sender';
import { logTransport, smsSender, twilioTransport } from './sms/sender';

// The app's channel senders, from configuration: email over SMTP_URL, or into the log when it
// is unset (local development sees what would have been sent).
const g = globalThis as unknown as { __traqoraSenders?: Partial<Record<Channel, ChannelSender>> };

export function channelSenders(): Partial<Record<Channel, ChannelSender>> {
  if (g.__traqoraSenders) return g.__traqoraSenders;
  const { env } = config();
  const transport: MailTransport = env.SMTP_URL
    ? nodemailer.createTransport(env.SMTP_URL)
    : {
        sendMail: async (mail: SendMailOptions) => {
          logger.info({ to: mail.to, subject: mail.subject, text: mail.text }, 'email (SMTP_URL unset: logged, not sent)');
          return { messageId: 'logged' };
        },
      };
  const appUrl = env.APP_URL ?? 'http://localhost:3000';
  g.__traqoraSenders = {
    email: emailSender({ transport, from: env.EMAIL_FROM, appUrl, secret: sessionSecret() }),
    sms: smsSender({
      transport: env.SMS_URL ? twilioTransport(env.SMS_URL) : logTransport((m) => logger.info({ to: m.to, body: m.body }, 'sms (SMS_URL unset: logged, not sent)')),
      from: env.SMS_FROM, appUrl,
    }),
    ...(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY && env.VAPID_SUBJECT
      ? { push: pushSender({ database: db, vapid: { subject: env.VAPID_SUBJECT, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY } }) }
      : {}),
  };
  return g.__traqoraSenders;
}
