import type { Messages } from './messages';

// Reports screens: 3W download, coverage, donor and stock reports (issue #9).
// Spanish (Peru) is the source; the English object must have exactly the same keys (es.ts/en.ts enforce it).
export const reportsEs = {
  reports: {},
};

export const reportsEn: Messages<typeof reportsEs> = {
  reports: {},
};
