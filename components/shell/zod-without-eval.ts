import { z } from 'zod';

// zod compiles object schemas with new Function() when it can, and finds out by trying. Under
// our Content-Security-Policy (no 'unsafe-eval') the try is refused and reported as a violation,
// so in the browser we tell zod not to: it parses the same, interpreted. The server is not
// under a CSP and keeps the compiled parsers.
if (typeof window !== 'undefined') z.config({ jitless: true });
