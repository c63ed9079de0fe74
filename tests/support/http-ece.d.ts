// http_ece (web-push's own dependency, used by the push tests to decrypt) ships no types.
declare module 'http_ece' {
  export function decrypt(buffer: Buffer, params: Record<string, unknown>): Buffer;
}
