// Writes components/ui/drawings.ts: the drawings (SVG shapes) of the lucide icons the first load of
// every page draws on the server — the header, the brand, the home page and the search form's icons.
//   npx tsx scripts/draw-icons.mts
// Why not lucide-react's components there: its `Icon` base is a client module, so any server
// component that imports an icon puts it in the page's first load (1.2 KB, the home page's last
// KB over #14's 150 KB budget). <DrawnIcon> (components/ui/drawn-icon.tsx) draws the same SVG with
// no client code at all. The shapes are read from the installed lucide-react, never typed in:
// tests/unit/drawn-icon.test.ts fails when this file is not what the script would write.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DRAWINGS_FILE, DRAWN, drawingsSource } from './drawings';

writeFileSync(DRAWINGS_FILE, await drawingsSource());
console.log(`wrote ${path.relative(process.cwd(), DRAWINGS_FILE)} (${DRAWN.length} icons)`);
