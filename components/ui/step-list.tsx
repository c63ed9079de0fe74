import type { ReactNode } from 'react';
import { CheckIcon, CircleIcon, LoaderCircleIcon, XIcon } from 'lucide-react';
import { cn } from './cn';

// A vertical list of a flow's steps, each marked done, in progress, stopped or to come: the
// steps before `at` are done, `at` is current (or where it stopped), the rest are to come.
// Wallet sign-in and on-chain payment both show their progress with it.

type Mark = 'done' | 'current' | 'failed' | 'todo';

const ICON: Record<Mark, ReactNode> = {
  done: <CheckIcon className="size-3.5" aria-hidden="true" />,
  current: <LoaderCircleIcon className="size-3.5 animate-spin" aria-hidden="true" />,
  failed: <XIcon className="size-3.5" aria-hidden="true" />,
  todo: <CircleIcon className="size-2" aria-hidden="true" />,
};
const MARK_TEXT: Record<Mark, string> = { done: 'done', current: 'in progress', failed: 'stopped here', todo: 'not started' };

export function StepList({ label, steps, at, status }: {
  label: string;
  steps: readonly { id: string; label: string }[];
  /** Index of the current step; `steps.length` when all are done. */
  at: number;
  status: 'running' | 'failed' | 'done';
}) {
  const mark = (i: number): Mark => (i < at ? 'done' : i > at ? 'todo' : status === 'failed' ? 'failed' : status === 'running' ? 'current' : 'done');
  return (
    <ol aria-label={label} className="grid gap-2">
      {steps.map((step, i) => {
        const m = mark(i);
        return (
          <li key={step.id} aria-current={m === 'current' ? 'step' : undefined} className="flex items-center gap-3 text-sm">
            <span
              className={cn(
                'flex size-6 shrink-0 items-center justify-center rounded-full border',
                m === 'done' && 'border-transparent bg-success text-success-foreground',
                m === 'current' && 'border-primary text-primary',
                m === 'failed' && 'border-transparent bg-destructive text-destructive-foreground',
                m === 'todo' && 'text-muted-foreground',
              )}
            >
              {ICON[m]}
            </span>
            <span className={cn(m === 'todo' && 'text-muted-foreground', m === 'current' && 'font-medium')}>
              {step.label}
              <span className="sr-only"> ({MARK_TEXT[m]})</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
