/**
 * The two public routes of the `code` channel (apps/api/src/deliveries/README.md, "Channels"):
 * GET /api/v1/public/deliveries/confirm/:code and POST /api/v1/public/deliveries/confirm.
 * The types mirror apps/api/src/deliveries/dto/confirmation.dto.ts (PublicStopDto, PublicConfirmDto); they are written by hand (type
 * only, nothing bundled) because this page stays outside the dashboard's openapi-fetch client to
 * keep its weight down.
 */
export type KitCategory = 'hygiene' | 'food' | 'medical' | 'water_sanitation' | 'shelter' | 'other';
export type RejectionReason = 'damaged' | 'expired' | 'wrong_item' | 'not_needed';
export const REJECTION_REASONS: readonly RejectionReason[] = ['damaged', 'expired', 'wrong_item', 'not_needed'];

/** PublicStopLineDto. */
export interface PublicStopLine {
  lineId: string;
  kitTypeCode: string;
  kitTypeNameEs: string;
  kitTypeNameEn: string;
  category: KitCategory;
  dispatched: number;
}

/** PublicStopDto: what a code holder sees (no personal data). */
export interface PublicStop {
  communityName: string;
  districtName: string;
  provinceName: string;
  departmentName: string;
  organizationName: string;
  eta: string | null;
  codeExpiresAt: string | null;
  lines: PublicStopLine[];
}

export interface ConfirmationLine {
  lineId: string;
  accepted: number;
  rejected: number;
  rejectionReason?: RejectionReason;
  missing: number;
}

export interface ConfirmationBody {
  code: string;
  receivedByName: string;
  receivedByRole?: string;
  receivedAt: string;
  notes?: string;
  photo?: string;
  gps?: { lat: number; lon: number };
  lines: ConfirmationLine[];
}

/** RFC 9457 problem details as the API renders them. */
export interface Problem {
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: Array<{ field?: string; message?: string }>;
}

export const CONFIRM_URL = '/api/v1/public/deliveries/confirm';
const REQUEST_TIMEOUT_MS = 30_000;

export type StopResult = { kind: 'ok'; stop: PublicStop } | { kind: 'problem'; problem: Problem } | { kind: 'network' };

export async function fetchStop(code: string): Promise<StopResult> {
  let response: Response;
  try {
    response = await fetch(`${CONFIRM_URL}/${encodeURIComponent(code)}`, {
      headers: { Accept: 'application/json', 'Accept-Language': 'es' },
      signal: timeout(),
      cache: 'no-store',
    });
  } catch {
    return { kind: 'network' };
  }
  if (response.ok) return { kind: 'ok', stop: (await response.json()) as PublicStop };
  if (response.status >= 500) return { kind: 'network' };
  return { kind: 'problem', problem: await readProblem(response) };
}

export type SendResult =
  | { kind: 'confirmed' }
  | { kind: 'already'; problem: Problem }
  | { kind: 'retry'; problem?: Problem }
  | { kind: 'refused'; problem: Problem };

/** One attempt to deliver a queued confirmation; the caller decides what to keep. */
export async function sendConfirmation(body: ConfirmationBody, idempotencyKey: string): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(CONFIRM_URL, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Accept-Language': 'es',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(body),
      signal: timeout(),
    });
  } catch {
    return { kind: 'retry' };
  }
  if (response.ok) return { kind: 'confirmed' };
  const problem = await readProblem(response);
  if (response.status === 409 && problem.code === 'DELIVERY_ALREADY_CONFIRMED') return { kind: 'already', problem };
  // 5xx, throttling, timeouts and "the same key is still being processed" are worth retrying as is.
  const inProgress = response.status === 409 && problem.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS';
  if (response.status >= 500 || response.status === 429 || response.status === 408 || inProgress) return { kind: 'retry', problem };
  return { kind: 'refused', problem };
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status };
  }
}

function timeout(): AbortSignal | undefined {
  return typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(REQUEST_TIMEOUT_MS) : undefined;
}
