import { HttpProblem } from './problem';

/** Reads one field from a JSON or form body (SEP-10 clients send either). */
export async function fieldFromBody(req: Request, field: string): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) return (await req.formData()).get(field);
    return ((await req.json()) as Record<string, unknown> | null)?.[field];
  } catch {
    throw new HttpProblem(400, `Send {"${field}": …} as JSON or a form.`, [{ field, message: 'is required' }], { error: 'malformed body' });
  }
}
