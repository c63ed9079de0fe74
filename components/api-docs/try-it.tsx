'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { ApiParameter } from './types';

interface Answer { status: number; headers: [string, string][]; body: string; ms: number }

const SHOWN_HEADERS = ['content-type', 'ratelimit', 'ratelimit-policy', 'retry-after', 'location', 'x-request-id'];

async function sendRequest(method: string, url: string, headers: Record<string, string>, body: string | undefined, credentials: RequestCredentials): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, { method, headers, body, credentials });
  const text = await res.text();
  let pretty = text;
  try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON: show as is */ }
  return {
    status: res.status, ms: Math.round(performance.now() - started), body: pretty.slice(0, 20_000),
    headers: [...res.headers.entries()].filter(([k]) => SHOWN_HEADERS.includes(k)),
  };
}

/**
 * Sends one request to this server from the reference page: path and query parameters, a JSON
 * body, and optionally a bearer credential (else the browser's own session cookie goes along).
 */
export function TryIt({ method, path, parameters, hasBody }: { method: string; path: string; parameters: ApiParameter[]; hasBody: boolean }) {
  const id = React.useId();
  const [answer, setAnswer] = React.useState<Answer | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);
  const inputs = parameters.filter((p) => p.in !== 'header' || p.name === 'Idempotency-Key');

  async function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let url = path;
    const query = new URLSearchParams();
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const p of inputs) {
      const value = String(form.get(`${p.in}:${p.name}`) ?? '');
      if (!value) continue;
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (p.in === 'query') query.set(p.name, value);
      else headers[p.name] = value;
    }
    const bearer = String(form.get('bearer') ?? '').trim();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const body = hasBody ? String(form.get('body') ?? '') : undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    setPending(true);
    setError(null);
    try {
      setAnswer(await sendRequest(method, query.size ? `${url}?${query}` : url, headers, body, bearer ? 'omit' : 'same-origin'));
    } catch {
      setError('The request did not reach the server.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void send(e)} className="flex flex-col gap-3 rounded-lg border bg-muted/30 p-3" aria-label={`Try ${method} ${path}`}>
      {inputs.map((p) => (
        <label key={`${p.in}:${p.name}`} className="flex flex-col gap-1 text-sm">
          <span><code>{p.name}</code> <span className="text-xs text-muted-foreground">({p.in}{p.required ? ', required' : ''})</span></span>
          <Input name={`${p.in}:${p.name}`} required={p.required && p.in === 'path'} autoComplete="off" />
        </label>
      ))}
      {hasBody && (
        <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-body`}>
          <span>JSON body</span>
          <textarea id={`${id}-body`} name="body" rows={5} defaultValue="{}" spellCheck={false}
            className="rounded-md border bg-background p-2 font-mono text-xs focus-visible:outline-2 focus-visible:outline-ring" />
        </label>
      )}
      <label className="flex flex-col gap-1 text-sm">
        <span>Bearer credential <span className="text-xs text-muted-foreground">(optional: an API key or SEP-10 token; empty sends your session)</span></span>
        <Input name="bearer" type="password" autoComplete="off" placeholder="trq_…" />
      </label>
      <Button type="submit" size="sm" className="self-start" disabled={pending}>{pending ? 'Sending…' : `Send ${method}`}</Button>
      {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
      {answer && (
        <div role="status" className="flex flex-col gap-2 text-sm">
          <p className="font-medium">{answer.status} · {answer.ms} ms</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            {answer.headers.map(([k, v]) => (
              <React.Fragment key={k}><dt className="font-mono text-muted-foreground">{k}</dt><dd className="font-mono break-all">{v}</dd></React.Fragment>
            ))}
          </dl>
          <pre className="max-h-80 overflow-auto rounded-md border bg-background p-2 text-xs" tabIndex={0} aria-label="Response body">{answer.body}</pre>
        </div>
      )}
    </form>
  );
}
