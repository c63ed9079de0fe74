'use client';

import { FlaskConicalIcon } from 'lucide-react';
import { PERSONAS, type Viewer } from '@/lib/auth/types';
import { Button } from '@/components/ui/button';
import { currentPersona } from './persona';
import { useSessionActions } from './use-session-actions';

/** The persona switcher as a flat list, for the mobile menu sheet. */
export function PersonaList({ viewer }: { viewer: Viewer | null }) {
  const { signIn, pending } = useSessionActions();
  const persona = currentPersona(viewer);
  return (
    <section aria-labelledby="persona-list-title" className="rounded-lg border border-dashed border-warning/70 p-3">
      <h3 id="persona-list-title" className="flex items-center gap-2 text-sm font-semibold">
        <FlaskConicalIcon className="size-4 text-warning" aria-hidden="true" /> Dev persona
      </h3>
      <p className="mt-1 text-xs text-muted-foreground">Local development only: sign in as a test user.</p>
      <ul className="mt-3 grid gap-1.5">
        {PERSONAS.map((p) => (
          <li key={p.role}>
            <Button
              variant={persona?.role === p.role ? 'secondary' : 'ghost'}
              className="h-auto w-full justify-start py-2 text-left"
              aria-pressed={persona?.role === p.role}
              disabled={pending}
              onClick={() => signIn.mutate({ role: p.role, name: p.name })}
            >
              <span className="flex flex-col">
                <span>{p.label}</span>
                <span className="text-xs font-normal text-muted-foreground">{p.name}</span>
              </span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
