/** V8's explicit compile hint, the first line of every marked chunk. */
export const HINT: string;
/** Chunks smaller than this are left unmarked. */
export const MIN_BYTES: number;
/** Marks every chunk of MIN_BYTES or more under <dist>/static/chunks; answers how many it changed. */
export function addCompileHints(dist: string): number;
