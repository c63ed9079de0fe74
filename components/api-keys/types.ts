/** An API key as GET /api/v1/api-keys lists it (lib/api-keys/keys.ts). */
export interface ApiKeyRow {
  id: string;
  name: string;
  scope: 'read' | 'read_write';
  prefix: string;
  status: 'active' | 'expired' | 'revoked';
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  rotated_to: string | null;
  last_used_at: string | null;
}

export interface ApiKeyPage { data: ApiKeyRow[]; nextCursor: string | null }

/** A create or rotate answer: the key itself, this once. */
export interface IssuedKey { key: string; data: ApiKeyRow }
