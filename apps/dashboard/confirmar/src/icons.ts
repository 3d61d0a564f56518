import type { KitCategory } from './api';

/**
 * One small drawing per kit category, so that a person who reads little Spanish can still tell the
 * lines apart. Static markup written here (never data from the server), so innerHTML is safe.
 */
const PATHS: Record<KitCategory, string> = {
  // A bar of soap with bubbles.
  hygiene:
    '<rect x="8" y="24" width="30" height="16" rx="6" fill="#cfe8f3"/>' +
    '<circle cx="30" cy="13" r="5"/><circle cx="40" cy="8" r="3"/><circle cx="19" cy="15" r="3"/>',
  // A sack of grain, tied at the top.
  food: '<path d="M17 14h14l5 10c3 7 1 16-12 16S9 31 12 24z" fill="#f3e2bd"/>' + '<path d="M15 9l4 5M33 9l-4 5M19 26h10M18 31h12"/>',
  // A first-aid box with a cross.
  medical:
    '<rect x="6" y="14" width="36" height="26" rx="4" fill="#fde2e2"/>' +
    '<path d="M18 14v-5h12v5"/><path d="M24 20v14M17 27h14" stroke="#b42318" stroke-width="4"/>',
  // A drop of water.
  water_sanitation: '<path d="M24 5C18 15 11 22 11 30a13 13 0 0 0 26 0c0-8-7-15-13-25z" fill="#cfe3fb"/><path d="M18 31a6 6 0 0 0 6 6"/>',
  // A tent.
  shelter: '<path d="M4 40L24 8l20 32z" fill="#e4ecd3"/><path d="M24 8v10M18 40l6-12 6 12"/>',
  // A closed box.
  other: '<path d="M6 16l18-8 18 8v20l-18 8-18-8z" fill="#ece3d6"/><path d="M6 16l18 8 18-8M24 24v20"/>',
};

export function kitIcon(category: string): string {
  const body = PATHS[(category in PATHS ? category : 'other') as KitCategory];
  return (
    '<svg class="kit-icon" viewBox="0 0 48 48" width="56" height="56" aria-hidden="true" fill="none" stroke="#1f2933" ' +
    `stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`
  );
}
