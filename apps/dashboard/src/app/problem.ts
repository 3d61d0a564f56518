/** RFC 9457 problem details as the API sends them (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; code: string; message: string }[];
  correlationId: string;
}

/** openapi-fetch hands back whatever body the error had; only trust it once it looks like a problem. */
export function asProblem(error: unknown): Problem | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as Partial<Problem>;
  return typeof candidate.status === 'number' && typeof candidate.title === 'string'
    ? (candidate as Problem)
    : null;
}

/** Thrown by query functions so TanStack Query sees a failure with the API's explanation attached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}
