/** "GABC…WXYZ": enough to recognise an account at a glance; the full id is always one copy away. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 4)}…${address.slice(-4)}` : address;
}
