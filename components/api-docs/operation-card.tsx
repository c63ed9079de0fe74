import { Badge } from '@/components/ui/badge';
import { TableScroll } from '@/components/ui/table-scroll';
import { SchemaOutline } from './schema-outline';
import { TryIt } from './try-it';
import type { ApiOperation } from './types';

const METHOD_LOOK: Record<string, 'success' | 'default' | 'warning' | 'destructive' | 'secondary'> = {
  get: 'success', post: 'default', put: 'warning', patch: 'warning', delete: 'destructive',
};

function who(op: ApiOperation): string {
  if (op['x-required-role']) return `Signed in with the ${op['x-required-role']} role.`;
  if (!op.security?.length) return 'Public: no credential needed.';
  if (op.security.some((s) => Object.keys(s).length === 0)) return 'Public; a credential, when sent, says who you are.';
  return 'Signed in: an API key or SEP-10 token as Bearer, or the session cookie.';
}

/** One operation: what it takes and answers, and a form to try it. Collapsed until opened. */
export function OperationCard({ method, path, op }: { method: string; path: string; op: ApiOperation }) {
  const body = op.requestBody?.content['application/json']?.schema;
  const params = op.parameters ?? [];
  // What a success answers: each 2xx status's media types, with the JSON ones' schemas.
  const successes = Object.entries(op.responses).filter(([code]) => code.startsWith('2'))
    .flatMap(([code, r]) => Object.entries(r.content ?? {}).map(([media, c]) => [code, media, c.schema] as const));
  return (
    <details id={op.operationId} className="group rounded-xl border bg-card">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 rounded-xl p-3 focus-visible:outline-2 focus-visible:outline-ring">
        <Badge variant={METHOD_LOOK[method] ?? 'secondary'} className="w-16 justify-center font-mono uppercase">{method}</Badge>
        <code className="text-sm break-all">{path}</code>
        <span className="ml-auto text-xs text-muted-foreground">{op.operationId}</span>
      </summary>
      <div className="flex flex-col gap-4 border-t p-4 text-sm">
        <p className="text-muted-foreground">{who(op)}</p>
        {params.length > 0 && (
          <TableScroll label={`Parameters of ${method.toUpperCase()} ${path}`}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Parameters of {method.toUpperCase()} {path}</caption>
              <thead className="text-xs text-muted-foreground"><tr><th className="py-1 pr-3 font-medium">Parameter</th><th className="py-1 pr-3 font-medium">In</th><th className="py-1 font-medium">Schema</th></tr></thead>
              <tbody>
                {params.map((p) => (
                  <tr key={`${p.in}:${p.name}`} className="border-t align-top">
                    <td className="py-1.5 pr-3"><code>{p.name}</code>{p.required && <span className="text-destructive" aria-label="required"> *</span>}</td>
                    <td className="py-1.5 pr-3">{p.in}</td>
                    <td className="py-1.5"><code className="text-xs break-all">{JSON.stringify(p.schema ?? {})}</code>{p.description && <p className="text-xs text-muted-foreground">{p.description}</p>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {body && (
          <div className="flex flex-col gap-1">
            <h4 className="font-medium">Request body (application/json)</h4>
            <SchemaOutline schema={body} label={`Body of ${op.operationId}`} />
          </div>
        )}
        {successes.map(([code, media, schema]) => (
          <div key={`${code} ${media}`} className="flex flex-col gap-1">
            <h4 className="font-medium">Answer {code} ({media})</h4>
            {media.endsWith('json') ? <SchemaOutline schema={schema} label={`Answer of ${op.operationId}`} /> : <p className="text-muted-foreground">{op.responses[code].description}</p>}
          </div>
        ))}
        <div className="flex flex-col gap-1">
          <h4 className="font-medium">Responses</h4>
          <ul className="flex flex-col gap-0.5">
            {Object.entries(op.responses).map(([code, r]) => <li key={code}><code>{code}</code> — {r.description}</li>)}
          </ul>
        </div>
        <TryIt method={method.toUpperCase()} path={path} parameters={params} hasBody={!!body} />
      </div>
    </details>
  );
}
