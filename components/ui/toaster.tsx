'use client';

import type * as React from 'react';
import { Toaster as Sonner } from 'sonner';
import { useTheme } from '@/components/shell/theme';

/** Sonner's toaster, following the app theme rather than only the OS setting. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      position="top-center"
      closeButton
      // Match the app's popover surface instead of Sonner's own white/black.
      style={
        {
          '--normal-bg': 'var(--popover)',
          '--normal-text': 'var(--popover-foreground)',
          '--normal-border': 'var(--border)',
        } as React.CSSProperties
      }
    />
  );
}
