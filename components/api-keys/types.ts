import type { ApiKey } from '@/lib/api-keys/keys';
import type { ApiPlan } from '@/lib/rate-limit/plans';

/** An API key as GET /api/v1/api-keys lists it: the server's own type (a type-only import, erased from the client bundle). */
export type ApiKeyRow = ApiKey;

export interface ApiKeyPage { data: ApiKeyRow[]; nextCursor: string | null }

/** A create or rotate answer: the key itself, this once. */
export interface IssuedKey { key: string; data: ApiKeyRow }

/** The plans a key can be on, as the settings page passes them from the server's configuration. */
export type KeyPlan = ApiPlan;
