import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { parametersAnswer } from '@/lib/parameters/answers';
import { governedParameters } from '@/lib/parameters/read';

export const dynamic = 'force-dynamic';

// The platform's governed parameters (fee, loyalty rates, thresholds) with their bounds: public.
export const GET = handler({ name: 'parameters.list', response: parametersAnswer }, async () => ({ data: await governedParameters() }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
