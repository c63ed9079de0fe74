// Light, dark or the system's: the choice is kept in localStorage under "theme" (the key
// next-themes used, so earlier choices carry over) and shown as the `light`/`dark` class on
// <html>. An inline script in the root layout (./theme-script.tsx) applies it before the first
// paint; this module changes it afterwards. It replaces next-themes, whose provider was part of
// every page's first JavaScript (#14's 150 KB budget): only the theme menu and the toaster read
// the theme, and both load after the page.
import * as React from 'react';
import { THEME_KEY } from './theme-script';

export type Theme = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function savedTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system'; // storage refused (privacy settings): follow the system
  }
}

export function resolveTheme(theme: Theme, systemDark: boolean): ResolvedTheme {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

/** Shows `theme` on <html>, without the colour transitions that would otherwise animate every surface at once. */
function apply(theme: Theme): void {
  const root = document.documentElement;
  const resolved = resolveTheme(theme, matchMedia(DARK_QUERY).matches);
  const pause = document.createElement('style');
  pause.textContent = '*,*::before,*::after{transition:none!important}';
  document.head.appendChild(pause);
  root.classList.remove('light', 'dark');
  root.classList.add(resolved);
  root.style.colorScheme = resolved;
  void getComputedStyle(document.body).opacity; // flush styles before transitions come back
  setTimeout(() => pause.remove(), 1);
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = matchMedia(DARK_QUERY);
  const onSystem = () => {
    if (savedTheme() === 'system') apply('system');
    listener();
  };
  // Another tab chose a theme.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== THEME_KEY) return;
    apply(savedTheme());
    listener();
  };
  media.addEventListener('change', onSystem);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', onSystem);
    window.removeEventListener('storage', onStorage);
  };
}

const shown = (): ResolvedTheme => (document.documentElement.classList.contains('dark') ? 'dark' : 'light');

export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch { /* not kept, but still shown */ }
  apply(theme);
  notify();
}

/** The chosen theme and the one shown; on the server (and in the first render) 'system' and undefined. */
export function useTheme(): { theme: Theme; resolvedTheme: ResolvedTheme | undefined; setTheme: (theme: Theme) => void } {
  const theme = React.useSyncExternalStore(subscribe, savedTheme, () => 'system' as const);
  const resolvedTheme = React.useSyncExternalStore(subscribe, shown, () => undefined);
  return { theme, resolvedTheme, setTheme };
}
