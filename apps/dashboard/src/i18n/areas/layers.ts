import type { Messages } from './messages';

// Map layers and their legend (issue #8).
// Spanish (Peru) is the source; the English object must have exactly the same keys (es.ts/en.ts enforce it).
export const layersEs = {
  layers: {},
};

export const layersEn: Messages<typeof layersEs> = {
  layers: {},
};
