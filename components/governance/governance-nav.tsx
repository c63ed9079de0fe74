import Link from 'next/link';
import { cn } from '@/components/ui/cn';

const LINKS = [
  { href: '/governance', label: 'Proposals' },
  { href: '/governance/delegates', label: 'Delegates' },
  { href: '/governance/votes', label: 'My votes' },
  { href: '/governance/trq', label: 'My TRQ' },
  { href: '/governance/new', label: 'New proposal' },
] as const;

/** The governance area's own tabs (the site nav has one entry for it). */
export function GovernanceNav({ current }: { current: (typeof LINKS)[number]['href'] }) {
  return (
    <nav aria-label="Governance" className="flex flex-wrap gap-1 border-b">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.href === current ? 'page' : undefined}
          className={cn('-mb-px border-b-2 px-3 py-2 text-sm font-medium', l.href === current ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground')}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
