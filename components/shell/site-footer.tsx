import type * as React from 'react';
import Link from 'next/link';

const linkClass = 'underline underline-offset-2 hover:text-foreground rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring';

function Ext({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} className={linkClass} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

/** Credits for the open data behind search (their licences require attribution) and a status link. */
export function SiteFooter({ local, demoMoney }: { local: boolean; demoMoney: boolean }) {
  return (
    <footer className="mt-auto border-t bg-muted/40">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-muted-foreground sm:px-6 md:flex-row md:justify-between">
        <div className="max-w-2xl space-y-2">
          <p className="font-medium text-foreground">Data sources</p>
          <ul className="space-y-1">
            <li>
              Airports: <Ext href="https://github.com/aashishvanand/airport-data-js">airport-data-js</Ext>, licensed{' '}
              <Ext href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</Ext>.
            </li>
            <li>
              Airlines and city names: <Ext href="https://openflights.org/data">OpenFlights</Ext>, licensed{' '}
              <Ext href="https://opendatacommons.org/licenses/odbl/1-0/">ODbL</Ext>.
            </li>
            <li>
              US routes: Bureau of Transportation Statistics via{' '}
              <Ext href="https://github.com/vega/vega-datasets">vega-datasets</Ext>, public domain.
            </li>
          </ul>
        </div>
        <div className="flex flex-col gap-2 md:max-w-xs md:items-end md:text-right">
          <p>© {new Date().getFullYear()} Traqora</p>
          <Link href="/ping" className={linkClass}>
            System status
          </Link>
          {local && (
            <p className="text-xs">
              Running locally on the embedded database{demoMoney ? '; payments use the built-in escrow ledger, no real money moves' : ''}.
            </p>
          )}
        </div>
      </div>
    </footer>
  );
}
