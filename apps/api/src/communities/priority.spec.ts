import { priorityScore, type PriorityInput } from './priority';

const base: PriorityInput = {
  urgency: 3,
  householdsAffected: 0,
  povertyTotalPct: 40,
  accessMode: 'paved_road',
  accessHours: 0,
  cutOffMonths: [],
  lastDeliveryAt: null,
  now: new Date('2026-06-15T12:00:00Z'),
};

describe('priorityScore', () => {
  it('gives each documented part its weight', () => {
    const s = priorityScore({ ...base, urgency: 5, householdsAffected: 500, povertyTotalPct: 100, accessMode: 'air' });
    expect(s.parts).toEqual({ urgency: 40, households: 20, poverty: 15, isolation: 15, recency: 10 });
    expect(s.total).toBe(100);
  });

  it('scores the least urgent, best connected, recently served request near zero', () => {
    const s = priorityScore({ ...base, urgency: 1, povertyTotalPct: 0, lastDeliveryAt: new Date('2026-06-15T00:00:00Z') });
    expect(s.total).toBe(0);
  });

  it('treats a community cut off this month as fully isolated', () => {
    expect(priorityScore({ ...base, cutOffMonths: [6] }).parts.isolation).toBe(15);
    expect(priorityScore({ ...base, cutOffMonths: [1, 2] }).parts.isolation).toBe(0);
  });

  it('uses hours from the district capital when worse than the access mode', () => {
    expect(priorityScore({ ...base, accessMode: 'unpaved_road', accessHours: 24 }).parts.isolation).toBe(7.5);
    expect(priorityScore({ ...base, accessMode: 'unpaved_road', accessHours: 2 }).parts.isolation).toBe(4.5);
  });

  it('grows with days since the last delivery, capped at 180 days', () => {
    expect(priorityScore({ ...base, lastDeliveryAt: new Date('2026-03-17T12:00:00Z') }).parts.recency).toBe(5);
    expect(priorityScore({ ...base, lastDeliveryAt: new Date('2025-01-01T00:00:00Z') }).parts.recency).toBe(10);
  });

  it('assumes 50 % poverty when the district has no figure', () => {
    expect(priorityScore({ ...base, povertyTotalPct: null }).parts.poverty).toBe(7.5);
  });

  it('ranks a higher urgency first when everything else is equal', () => {
    expect(priorityScore({ ...base, urgency: 4 }).total).toBeGreaterThan(priorityScore(base).total);
  });
});
