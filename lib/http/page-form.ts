// A form body posted to a page (not /api) that cannot be read as the form it claims to be.
// Pages take POSTs only as server actions, whose bodies Next decodes itself; a multipart body
// without a boundary, or one that is not multipart inside, made Next answer a plain-text 500
// ("Internal Server Error") before any code of ours ran. proxy.ts asks this first and answers
// such a request with a 400 instead. Well-formed bodies pass untouched (read from a clone).

const MULTIPART = /^multipart\/form-data\b/i;

/** A plain-text 400 for a page POST whose multipart body does not parse; undefined otherwise. */
export async function refuseMalformedPageForm(req: Request, pathname: string): Promise<Response | undefined> {
  if (req.method !== 'POST' || pathname.startsWith('/api/') || !MULTIPART.test(req.headers.get('content-type') ?? '')) return undefined;
  try {
    await req.clone().formData();
    return undefined;
  } catch {
    return new Response('Bad Request: the body is not valid multipart/form-data.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}
