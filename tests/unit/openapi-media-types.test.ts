import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/document';

// A route's success answer in more than one media type: JSON or a CSV download by query
// (`produces` beside `response`), or a file whose type varies (`produces` as a list). The e2e
// check of answers (e2e/support/api-answers.ts) refuses a media type the document does not list.

type Content = Record<string, { schema: Record<string, unknown> }>;
const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Content }> }>> };
const success = (path: string, method: string) => doc.paths[path][method].responses['2XX'].content!;

describe('OpenAPI success media types', () => {
  it('documents the JSON page and the CSV download of the points history', () => {
    const content = success('/api/v1/loyalty/history', 'get');
    expect(Object.keys(content).sort()).toEqual(['application/json', 'text/csv']);
    expect(content['application/json'].schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['data', 'nextCursor']) });
    expect(content['text/csv'].schema).toEqual({ type: 'string' });
  });

  it('documents every type an evidence file is served as, and no JSON', () => {
    expect(Object.keys(success('/api/v1/disputes/{id}/evidence/{evidenceId}', 'get')).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
  });

  it('keeps a single media type and a JSON answer as they were', () => {
    expect(Object.keys(success('/api/v1/governance/proposals/{id}/votes/export', 'get'))).toEqual(['text/csv']);
    expect(Object.keys(success('/api/v1/governance/proposals', 'get'))).toEqual(['application/json']);
  });
});
