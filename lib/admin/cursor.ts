// The console's lists page with the same opaque keyset cursors as every other list.
export { decodeCursor, encodeCursor } from '@/lib/http/cursor';
