/** Where the chosen theme is kept: next-themes' key, so choices made before carry over. */
export const THEME_KEY = 'theme';

// Runs before the first paint, so a dark-theme visitor never sees a light flash: the same rule
// as ./theme.ts (saved choice, else the system's), written out as plain script.
export const themeScript = `(()=>{var t=null;try{t=localStorage.getItem(${JSON.stringify(THEME_KEY)})}catch(_){}try{var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches),e=document.documentElement;e.classList.remove("light","dark");e.classList.add(d?"dark":"light");e.style.colorScheme=d?"dark":"light"}catch(_){}})()`;

/** The theme, applied before the page paints; it carries this request's CSP nonce. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  // The browser hides a nonce from the DOM once applied, so hydration would see it differ.
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: themeScript }} />;
}
