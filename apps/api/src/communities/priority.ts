import type { AccessMode } from './communities.entities';

/**
 * Priority score of a need request, 0–100, deliberately simple so a board can check it by hand:
 *
 *   urgency     40 × (urgency − 1) / 4                         (1 → 0, 5 → 40)
 *   households  20 × min(1, log10(1 + households) / log10(501)) (500+ households → 20)
 *   poverty     15 × district monetary poverty % / 100         (unknown → 50 %)
 *   isolation   15 × max(access-mode weight, min(1, hours from district capital / 48),
 *                        1 if the community is usually cut off this month)
 *               weights: paved road 0, unpaved road 0.3, river 0.7, trail 0.7, air 1, unknown 0.5
 *   recency     10 × min(1, days since the last delivery / 180) (never delivered → 10)
 *
 * Each part is rounded to one decimal; the total is their sum.
 */
export interface PriorityInput {
  urgency: number;
  householdsAffected: number;
  povertyTotalPct: number | null;
  accessMode: AccessMode | null;
  accessHours: number | null;
  cutOffMonths: readonly number[];
  lastDeliveryAt: Date | null;
  now: Date;
}

export interface PriorityParts {
  urgency: number;
  households: number;
  poverty: number;
  isolation: number;
  recency: number;
}

export interface PriorityScore {
  total: number;
  parts: PriorityParts;
}

export const ACCESS_MODE_WEIGHT: Record<AccessMode, number> = {
  paved_road: 0,
  unpaved_road: 0.3,
  river: 0.7,
  trail: 0.7,
  air: 1,
};

const DAY_MS = 86_400_000;
const round1 = (n: number): number => Math.round(n * 10) / 10;

export function priorityScore(input: PriorityInput): PriorityScore {
  const urgency = (40 * (clamp(input.urgency, 1, 5) - 1)) / 4;
  const households = 20 * Math.min(1, Math.log10(1 + Math.max(0, input.householdsAffected)) / Math.log10(501));
  const poverty = 15 * (clamp(input.povertyTotalPct ?? 50, 0, 100) / 100);
  const modeWeight = input.accessMode ? ACCESS_MODE_WEIGHT[input.accessMode] : 0.5;
  const hoursWeight = input.accessHours === null ? 0 : Math.min(1, Math.max(0, input.accessHours) / 48);
  const cutOff = input.cutOffMonths.includes(input.now.getUTCMonth() + 1) ? 1 : 0;
  const isolation = 15 * Math.max(modeWeight, hoursWeight, cutOff);
  const days = input.lastDeliveryAt === null ? 180 : Math.max(0, (input.now.getTime() - input.lastDeliveryAt.getTime()) / DAY_MS);
  const recency = 10 * Math.min(1, days / 180);
  const parts: PriorityParts = {
    urgency: round1(urgency),
    households: round1(households),
    poverty: round1(poverty),
    isolation: round1(isolation),
    recency: round1(recency),
  };
  const total = round1(parts.urgency + parts.households + parts.poverty + parts.isolation + parts.recency);
  return { total, parts };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
