import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { EmailMessage, plainText, type EmailContent } from './message';

/** HTML and text parts of one notification email. */
export function renderEmail(content: EmailContent): { html: string; text: string } {
  return { html: `<!DOCTYPE html>${renderToStaticMarkup(createElement(EmailMessage, content))}`, text: plainText(content) };
}
