// /api/ping answers exactly like /api/health (uptime monitors often probe /ping).
import { GET as health } from '../health/route';

export const dynamic = 'force-dynamic';
export const GET = health;
