// /api/ping answers exactly like /api/health (uptime monitors often probe /ping).
import { GET as health } from '@/app/api/health/route';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';
export const GET = health;

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
