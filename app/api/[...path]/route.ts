import { noSuchRoute } from '@/lib/http/methods';

// Every /api path no other route serves: a 404 problem for every method. Without it Next
// renders its HTML not-found page, and for a multipart POST first tries to parse the body as
// a server action's form (a 500 when the boundary is missing).
export const dynamic = 'force-dynamic';

export { noSuchRoute as GET, noSuchRoute as POST, noSuchRoute as PUT, noSuchRoute as PATCH, noSuchRoute as DELETE, noSuchRoute as OPTIONS };
