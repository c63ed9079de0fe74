import type { CSSProperties } from 'react';

// The email a notification becomes, in the app's look (its primary blue, card on a pale
// background, the Traqora mark) with inline styles, since mail clients drop style sheets.
// Colours are the app's theme tokens converted to hex (oklch is not understood by mail clients).

const colour = { primary: '#3b4fd8', primaryText: '#fcfcfc', background: '#f6f8fb', card: '#ffffff', text: '#1d2233', muted: '#5d6478', border: '#e3e7ef' };
const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export interface EmailContent {
  title: string;
  body: string;
  /** Absolute URL of the thing it is about. */
  actionUrl?: string;
  actionLabel?: string;
  /** Absolute unsubscribe URL (this kind of email). */
  unsubscribeUrl: string;
  kindLabel: string;
}

const cell: CSSProperties = { padding: '0 32px' };

export function EmailMessage({ title, body, actionUrl, actionLabel = 'Open in Traqora', unsubscribeUrl, kindLabel }: EmailContent) {
  return (
    <html lang="en">
      {/* an email document, not a Next page: next/head does not apply */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: '24px 0', background: colour.background, fontFamily: font, color: colour.text }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ background: colour.background }}>
          <tbody>
            <tr>
              <td align="center">
                <table role="presentation" width="560" cellPadding={0} cellSpacing={0}
                  style={{ maxWidth: 560, width: '100%', background: colour.card, border: `1px solid ${colour.border}`, borderRadius: 12 }}>
                  <tbody>
                    <tr>
                      <td style={{ ...cell, paddingTop: 28 }}>
                        <span style={{ display: 'inline-block', width: 32, height: 32, lineHeight: '32px', textAlign: 'center', borderRadius: 8, background: colour.primary, color: colour.primaryText, fontWeight: 700 }}>T</span>
                        <span style={{ marginLeft: 8, fontSize: 18, fontWeight: 600, verticalAlign: 'middle' }}>Traqora</span>
                      </td>
                    </tr>
                    <tr>
                      <td style={{ ...cell, paddingTop: 24 }}>
                        <h1 style={{ margin: 0, fontSize: 22, lineHeight: '30px', fontWeight: 600 }}>{title}</h1>
                      </td>
                    </tr>
                    <tr>
                      <td style={{ ...cell, paddingTop: 12 }}>
                        <p style={{ margin: 0, fontSize: 15, lineHeight: '24px', color: colour.text }}>{body}</p>
                      </td>
                    </tr>
                    {actionUrl && (
                      <tr>
                        <td style={{ ...cell, paddingTop: 24 }}>
                          <a href={actionUrl} style={{ display: 'inline-block', padding: '10px 18px', borderRadius: 8, background: colour.primary, color: colour.primaryText, fontWeight: 600, fontSize: 15, textDecoration: 'none' }}>
                            {actionLabel}
                          </a>
                        </td>
                      </tr>
                    )}
                    <tr>
                      <td style={{ ...cell, paddingTop: 28, paddingBottom: 28 }}>
                        <p style={{ margin: 0, fontSize: 12, lineHeight: '18px', color: colour.muted, borderTop: `1px solid ${colour.border}`, paddingTop: 16 }}>
                          You get this email because “{kindLabel}” emails are on for your Traqora account.{' '}
                          <a href={unsubscribeUrl} style={{ color: colour.muted }}>Unsubscribe from these emails</a>.
                        </p>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** The plain-text part: the same words, links written out. */
export function plainText({ title, body, actionUrl, actionLabel = 'Open in Traqora', unsubscribeUrl, kindLabel }: EmailContent): string {
  return [title, '', body, ...(actionUrl ? ['', `${actionLabel}: ${actionUrl}`] : []), '', '--',
    `You get this email because "${kindLabel}" emails are on for your Traqora account.`, `Unsubscribe: ${unsubscribeUrl}`, ''].join('\n');
}
