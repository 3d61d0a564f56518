import type { Response } from 'express';
import type { FieldError } from './field-messages';
import { message, type MessageCode } from './messages';
import type { Language } from '../http/request-context';

/** RFC 9457 problem details, as every error response of the API looks. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  correlationId: string;
  instance?: string;
}

export function problemType(code: string): string {
  return `urn:minka:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function buildProblem(
  code: MessageCode,
  status: number,
  language: Language,
  correlationId: string,
  params: Record<string, unknown> = {},
  errors?: FieldError[],
): ProblemDocument {
  const { title, detail } = message(code, language, { ...params, correlationId });
  return { type: problemType(code), title, status, code, detail, ...(errors && errors.length > 0 ? { errors } : {}), correlationId };
}

export function sendProblem(res: Response, problem: ProblemDocument, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
