'use client';

import { LogOutIcon } from 'lucide-react';
import { PERSONAS, type Viewer } from '@/lib/auth/types';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { currentPersona } from './persona';
import { PersonaButton } from './persona-button';
import { useSessionActions } from './use-session-actions';

/**
 * Header menu for signing in as a seeded test user. Rendered only when the server says dev personas are on.
 * `defaultOpen`: loaded by its first use (deferred.tsx), it opens as it mounts.
 */
export function PersonaSwitcher({ viewer, defaultOpen = false }: { viewer: Viewer | null; defaultOpen?: boolean }) {
  const { signIn, signOut, pending } = useSessionActions();
  const persona = currentPersona(viewer);

  return (
    <DropdownMenu modal={false} defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <PersonaButton persona={persona} disabled={pending} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="flex flex-col gap-0.5">
          <span>Dev persona</span>
          <span className="text-xs font-normal text-muted-foreground">
            Local development only. Signs you in as a test user; never available in production.
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuRadioGroup
          value={persona?.role ?? ''}
          onValueChange={(role) => {
            const next = PERSONAS.find((p) => p.role === role);
            if (next) signIn.mutate({ role: next.role, name: next.name });
          }}
        >
          {PERSONAS.map((p) => (
            <DropdownMenuRadioItem key={p.role} value={p.role} disabled={pending}>
              <span className="flex flex-col">
                <span>{p.label}</span>
                <span className="text-xs text-muted-foreground">{p.name}</span>
              </span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        {viewer && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem disabled={pending} onSelect={() => signOut.mutate()}>
              <LogOutIcon aria-hidden="true" /> Sign out
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
