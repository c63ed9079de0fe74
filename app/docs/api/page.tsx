import type { Metadata } from 'next';
import { OperationCard } from '@/components/api-docs/operation-card';
import type { ApiOperation } from '@/components/api-docs/types';
import { openApiDocument } from '@/lib/openapi/document';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API reference' };

// The API reference, rendered here from the same OpenAPI document /api/v1/openapi.json serves
// (no third-party viewer: nothing to download from a CDN, a few KB of client code for "try it").
export default function ApiReferencePage() {
  const doc = openApiDocument() as { paths: Record<string, Record<string, ApiOperation>>; info: { description: string } };
  const byTag = new Map<string, { method: string; path: string; op: ApiOperation }[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'api';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const tags = [...byTag.keys()].sort();
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-6 sm:px-6">
      <header className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Traqora API reference</h1>
        <p className="text-muted-foreground">{doc.info.description}</p>
        <ul className="list-disc pl-5 text-sm text-muted-foreground">
          <li>Machine-readable: <a className="font-medium text-primary underline-offset-4 hover:underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</li>
          <li>Authenticate with <code>Authorization: Bearer trq_…</code> (create keys in <a className="font-medium text-primary underline-offset-4 hover:underline" href="/settings/api-keys">API keys</a>) or the SEP-10 token from <code>POST /api/v1/auth</code>.</li>
          <li>Over a limit you get <code>429</code> with <code>Retry-After</code>; wait that long. Every answer tells you where you stand in <code>RateLimit</code>.</li>
        </ul>
      </header>
      <nav aria-label="API sections" className="flex flex-wrap gap-2 text-sm">
        {tags.map((tag) => <a key={tag} href={`#tag-${tag}`} className="rounded-full border px-3 py-1 hover:bg-muted">{tag}</a>)}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={`tag-${tag}`} aria-labelledby={`tag-${tag}-h`} className="flex flex-col gap-3">
          <h2 id={`tag-${tag}-h`} className="text-lg font-semibold">{tag}</h2>
          {byTag.get(tag)!.map(({ method, path, op }) => <OperationCard key={`${method} ${path}`} method={method} path={path} op={op} />)}
        </section>
      ))}
    </div>
  );
}
