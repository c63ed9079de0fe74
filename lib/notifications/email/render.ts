import { createElement } from 'react';
import { EmailMessage, plainText, type EmailContent } from './message';

// react-dom/server is loaded at run time, outside the bundle: Next refuses it in the App Route
// and instrumentation bundles (meant for pages, where a Server Component would do), but an
// email is a document of its own, rendered once per message on the server.
type Server = { renderToStaticMarkup(node: ReturnType<typeof createElement>): string };
let server: Promise<Server> | undefined;
const reactDomServer = () => (server ??= import(/* turbopackIgnore: true */ /* webpackIgnore: true */ 'react-dom/server') as Promise<Server>);

/** HTML and text parts of one notification email. */
export async function renderEmail(content: EmailContent): Promise<{ html: string; text: string }> {
  const { renderToStaticMarkup } = await reactDomServer();
  return { html: `<!DOCTYPE html>${renderToStaticMarkup(createElement(EmailMessage, content))}`, text: plainText(content) };
}
