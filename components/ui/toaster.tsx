'use client';

import { Toaster as Sonner } from 'sonner';
import { useTheme } from 'next-themes';

/** Sonner's toaster, following the app theme rather than only the OS setting. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      position="top-center"
      closeButton
      toastOptions={{ className: 'font-sans' }}
    />
  );
}
