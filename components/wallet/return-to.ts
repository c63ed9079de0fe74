/**
 * Where to send the traveller after signing in: only a path on this site. An absolute or
 * protocol-relative URL ("//evil.example") would make the sign-in page an open redirect.
 */
export function safeReturnTo(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}
