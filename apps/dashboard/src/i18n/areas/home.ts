import type { Messages, PartialMessages } from './messages';

// Home pages per role (issue #8).
// Spanish (Peru) is the source; the English object must have exactly the same keys (es.ts/en.ts enforce it).
export const homeEs = {
  home: {
    title: 'Hola, {{name}}',
    body: 'Tu página de inicio para el rol de {{roles}} todavía está en construcción. Mientras tanto, usa el menú para ir a los módulos disponibles.',
  },
};

export const homeEn: Messages<typeof homeEs> = {
  home: {
    title: 'Hello, {{name}}',
    body: 'Your home page for the {{roles}} role is still being built. In the meantime, use the menu to reach the modules that are available.',
  },
};

/** Quechua (Southern Quechua, Cusco–Collao) for the leader's home; other keys fall back to Spanish. */
export const homeQu: PartialMessages<typeof homeEs> = {
  home: {},
};
