import { popup, type LatLngExpression, type Map as LeafletMap } from 'leaflet';
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';

/**
 * Small mechanisms the map layers share: a pane per layer, the debounced view they fetch for,
 * keyboard access to markers and accessible popups.
 */

/** Gets (or creates) a layer's pane: a stable z-order and a DOM node tests and styles can find. */
export function ensurePane(map: LeafletMap, name: string, zIndex: number, testId: string): HTMLElement {
  const pane = map.getPane(name) ?? map.createPane(name);
  pane.style.zIndex = String(zIndex);
  pane.dataset.testid = testId;
  return pane;
}

export interface MapViewBox {
  /** minLon,minLat,maxLon,maxLat, clamped to WGS 84, as the geo endpoint takes it. */
  bbox: string;
  zoom: number;
}

function viewOf(map: LeafletMap): MapViewBox {
  const b = map.getBounds();
  const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
  const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
    .map((n) => n.toFixed(4))
    .join(',');
  return { bbox, zoom: Math.max(0, Math.min(20, Math.round(map.getZoom()))) };
}

/**
 * The visible box, updated `delayMs` after the map stops moving: a pan made of many small moves asks
 * the API once, and a move that starts again before the delay cancels the pending update.
 */
export function useDebouncedView(delayMs = 250): MapViewBox {
  const map = useMap();
  const [view, setView] = useState<MapViewBox>(() => viewOf(map));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const next = viewOf(map);
        setView((prev) => (prev.bbox === next.bbox && prev.zoom === next.zoom ? prev : next));
      }, delayMs);
    };
    const cancel = () => clearTimeout(timer);
    map.on('moveend', settle);
    map.on('movestart', cancel);
    return () => {
      clearTimeout(timer);
      map.off('moveend', settle);
      map.off('movestart', cancel);
    };
  }, [map, delayMs]);
  return view;
}

/**
 * Makes a marker's element reachable with Tab and operable with Enter or Space, with a name for
 * screen readers. Leaflet gives DOM markers a tabindex but no key handling, and vector paths neither.
 */
export function makeOperable(
  el: Element | null | undefined,
  label: string,
  onActivate: () => void,
  role: 'button' | 'link' = 'button',
): () => void {
  if (!el) return () => undefined;
  el.setAttribute('tabindex', '0');
  el.setAttribute('role', role);
  el.setAttribute('aria-label', label);
  const onKey = (event: Event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || (key === ' ' && role === 'button')) {
      event.preventDefault();
      event.stopPropagation();
      onActivate();
    }
  };
  el.addEventListener('keydown', onKey);
  return () => el.removeEventListener('keydown', onKey);
}

export interface PopupDetail {
  title: string;
  lines: string[];
  link?: { href: string; label: string; go: () => void };
}

/**
 * Opens a popup with a feature's details (and a link to its page), names Leaflet's close button in
 * the user's language and moves focus into the popup so a keyboard user lands on the link.
 */
export function openDetailPopup(map: LeafletMap, at: LatLngExpression, detail: PopupDetail, closeLabel: string) {
  const root = document.createElement('div');
  root.className = 'map-popup';
  const title = document.createElement('p');
  title.className = 'map-popup__title';
  title.textContent = detail.title;
  root.append(title);
  for (const line of detail.lines) {
    const p = document.createElement('p');
    p.className = 'map-popup__line';
    p.textContent = line;
    root.append(p);
  }
  if (detail.link) {
    const { href, label, go } = detail.link;
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    a.className = 'map-popup__link';
    a.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go();
    });
    root.append(a);
  }
  const opened = popup({ maxWidth: 280 }).setLatLng(at).setContent(root).openOn(map);
  const el = opened.getElement();
  el?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', closeLabel);
  (el?.querySelector<HTMLElement>('.map-popup__link') ?? el?.querySelector<HTMLElement>('.leaflet-popup-close-button'))?.focus();
  return opened;
}
