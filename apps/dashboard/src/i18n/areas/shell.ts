import type { Messages } from './messages';

// App shell: connection and stale-data banners, install prompt, formats (issue #8).
// Spanish (Peru) is the source; the English object must have exactly the same keys (es.ts/en.ts enforce it).
export const shellEs = {
  shell: {},
};

export const shellEn: Messages<typeof shellEs> = {
  shell: {},
};
