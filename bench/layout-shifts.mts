// What moves on a page after it first paints: every layout-shift entry the browser reports while
// the page loads, hydrates and fetches, with the nodes that moved and how far. Lighthouse gives
// only the total (CLS); this names the culprits.
//   npx tsx bench/layout-shifts.mts <base url> [--path /search?…] [--width 1350 --height 940] [--runs 3] [--throttle 4]
// (--throttle slows the CPU the way Lighthouse's mobile preset does; shifts that depend on when
// hydration lands show up more often under it.) Asserts nothing: e2e/page-layout.spec.ts guards.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const option = (name: string, fallback?: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const base = process.argv[2];
if (!base || base.startsWith('--')) throw new Error('usage: npx tsx bench/layout-shifts.mts <base url> [--path …]');
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const path = option('--path', `/search?from=JFK&to=LHR&date=${day(14)}&adults=1&children=0&infants=0&cabin=economy`)!;
const width = Number(option('--width', '1350'));
const height = Number(option('--height', '940'));
const runs = Number(option('--runs', '3'));
const throttle = Number(option('--throttle', '1'));

type Shift = { value: number; time: number; sources: { node: string; from: string; to: string }[] };

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--disable-gpu'] });
try {
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await page.addInitScript(() => {
      const w = window as unknown as { __shifts: Shift[] };
      w.__shifts = [];
      const describe = (n: Node | null) => {
        if (!n) return '(gone)';
        const e = n instanceof Element ? n : n.parentElement;
        if (!e) return n.nodeName;
        const id = e.id ? `#${e.id}` : '';
        const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).slice(0, 4).join('.')}` : '';
        const text = (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `${e.tagName.toLowerCase()}${id}${cls} "${text}"`;
      };
      const rect = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; startTime: number; sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] }[]) {
          if (e.hadRecentInput) continue;
          w.__shifts.push({ value: e.value, time: Math.round(e.startTime), sources: e.sources.map((s) => ({ node: describe(s.node), from: rect(s.previousRect), to: rect(s.currentRect) })) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(base + path, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
    const total = shifts.reduce((s, e) => s + e.value, 0);
    console.log(`run ${run}: ${width}×${height}${throttle > 1 ? ` CPU ×${throttle}` : ''} ${path} — layout shift sum ${total.toFixed(3)} in ${shifts.length} entries`);
    for (const s of shifts) {
      console.log(`  ${s.value.toFixed(3)} at ${s.time} ms`);
      for (const src of s.sources) console.log(`    ${src.node}: ${src.from} → ${src.to}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
