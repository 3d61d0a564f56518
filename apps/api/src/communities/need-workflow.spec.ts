import { NEED_STATUSES } from './communities.entities';
import { canTransition, leaderMayCancel, roleMayMoveTo } from './need-workflow';

describe('need workflow', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = NEED_STATUSES.flatMap((from) => NEED_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        'submitted→approved',
        'submitted→rejected',
        'submitted→cancelled',
        'approved→partially_fulfilled',
        'approved→fulfilled',
        'approved→cancelled',
        'partially_fulfilled→fulfilled',
        'partially_fulfilled→cancelled',
      ].sort(),
    );
  });

  it('keeps decisions to admins and coordinators', () => {
    expect(roleMayMoveTo(['coordinator'], 'approved')).toBe(true);
    expect(roleMayMoveTo(['admin'], 'rejected')).toBe(true);
    for (const role of ['storekeeper', 'leader', 'donor', 'fundraiser'] as const) {
      expect(roleMayMoveTo([role], 'approved')).toBe(false);
      expect(roleMayMoveTo([role], 'rejected')).toBe(false);
    }
  });

  it('lets storekeepers record fulfilment and leaders only cancel undecided requests', () => {
    expect(roleMayMoveTo(['storekeeper'], 'fulfilled')).toBe(true);
    expect(roleMayMoveTo(['leader'], 'fulfilled')).toBe(false);
    expect(roleMayMoveTo(['leader'], 'cancelled')).toBe(true);
    expect(leaderMayCancel('submitted')).toBe(true);
    expect(leaderMayCancel('approved')).toBe(false);
  });
});
