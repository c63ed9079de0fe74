import { CheckCircle2Icon, CircleIcon } from 'lucide-react';
import type { TimelineStep } from '@/lib/governance/types';
import { STATE_LABEL } from './state-badge';

const when = (at: string) => new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

// Each state the proposal passed through (or will), with its time.
export function Timeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <ol className="flex flex-col gap-3">
      {steps.map((s) => (
        <li key={s.state} className="flex items-start gap-3 text-sm">
          {s.done ? <CheckCircle2Icon className="mt-0.5 size-4 text-success" aria-hidden="true" /> : <CircleIcon className="mt-0.5 size-4 text-muted-foreground" aria-hidden="true" />}
          <div>
            <p className="font-medium">{STATE_LABEL[s.state]} <span className="sr-only">{s.done ? '(done)' : '(to come)'}</span></p>
            <p className="text-muted-foreground"><time dateTime={s.at}>{when(s.at)}</time>{s.eta && <> · executable from <time dateTime={s.eta}>{when(s.eta)}</time></>}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
