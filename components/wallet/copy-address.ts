'use client';

import { toast } from 'sonner';

/** Copies a full Stellar address and says so; if the clipboard refuses, shows it to copy by hand. */
export async function copyAddress(address: string) {
  try {
    await navigator.clipboard.writeText(address);
    toast.success('Address copied', { description: address });
  } catch {
    // Clipboard refused (permissions, insecure origin).
    toast.error('Could not copy the address', { description: address });
  }
}
