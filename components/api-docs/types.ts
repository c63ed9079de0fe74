/** The slice of an OpenAPI 3.1 operation the reference page renders (lib/openapi/document.ts). */
export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
}

export interface ApiOperation {
  operationId: string;
  tags?: string[];
  parameters?: ApiParameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
  security?: Record<string, unknown>[];
  'x-required-role'?: string;
}
