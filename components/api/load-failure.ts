import { ApiError } from './fetch-json';

// What a failed request means to the person waiting for it: the problem document's title and
// detail (RFC 9457), the fields it names, and whether asking again can help. Shared by every
// loading/error state, so the console, loyalty and governance pages explain failures the same way.

export interface LoadFailure {
  /** The problem's short title ("Not Found"), when the server sent one. */
  title: string | null;
  /** The sentence to show: the problem's detail, else its title, else what the client knows. */
  detail: string;
  /** Field errors of a 400, for saying which input to change. */
  fields: { field: string; message: string }[];
  /** A lost connection, a timeout, a rate limit or a server fault may pass; a 4xx answer won't change. */
  retryable: boolean;
  status: number | null;
}

export function loadFailure(error: unknown): LoadFailure {
  if (error instanceof ApiError) {
    const { title, errors } = error.problem;
    return {
      title: typeof title === 'string' ? title : null,
      detail: error.message,
      fields: Array.isArray(errors) ? errors : [],
      retryable: error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429,
      status: error.status,
    };
  }
  // Anything else is a fault in the page or the browser, not an answer: trying again may help.
  return { title: null, detail: error instanceof Error && error.message ? error.message : 'Something went wrong.', fields: [], retryable: true, status: null };
}
