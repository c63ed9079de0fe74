import { handler } from '@/lib/http/handler';
import { governedParameters } from '@/lib/parameters/read';

export const dynamic = 'force-dynamic';

// The platform's governed parameters (fee, loyalty rates, thresholds) with their bounds: public.
export const GET = handler({ name: 'parameters.list' }, async () => ({ data: await governedParameters() }));
