import 'server-only';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { sessionSecret } from '@/lib/auth/session-secret';
import { config } from '@/lib/config';
import { logger } from '@/lib/log/logger';
import type { Channel } from './catalogue';
import type { ChannelSender } from './deliver';
import { emailSender, type MailTransport } from './email/sender';

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
  g.__traqoraSenders = {
    email: emailSender({ transport, from: env.EMAIL_FROM, appUrl: env.APP_URL ?? 'http://localhost:3000', secret: sessionSecret() }),
  };
  return g.__traqoraSenders;
}
