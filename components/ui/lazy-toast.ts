// Sonner's toasts for components on pages with a JavaScript budget (home, search:
// scripts/page-budget.mts): Sonner loads with the first toast instead of with the page. The
// toaster itself is already loaded after the page (app/providers.tsx).
type Toast = (typeof import('sonner'))['toast'];

export const lazyToast = {
  success: (...args: Parameters<Toast['success']>) => void import('sonner').then(({ toast }) => toast.success(...args)),
  error: (...args: Parameters<Toast['error']>) => void import('sonner').then(({ toast }) => toast.error(...args)),
};
