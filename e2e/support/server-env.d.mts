export const E2E_PORT: number;
export const E2E_BASE_URL: string;
export const E2E_DIST_DIR: string;
export const CLERK_FRONTEND_API: string;
export const E2E_ADMIN_CLERK_ID: string;
export function clerkKeys(): { publicKey: string; privateKey: string };
export function serverEnv(): Record<string, string>;
export const E2E_CRON_SECRET: string;
