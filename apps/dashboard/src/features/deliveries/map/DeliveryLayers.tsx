import './delivery-layers.css';
import { circleMarker, divIcon, latLngBounds, layerGroup, marker, polyline, type LatLngExpression } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { NO_URGENCY_COLOUR, URGENCY_COLOURS } from '../../communities/components/UrgencyBadge';
import type { Depot, LatLon, Route, Stop, Suggestion } from '../api/deliveries-types';

/** Each layer gets a pane of its own: a stable z-order, and an SVG/DOM node tests and styles can find. */
function usePane(name: string, zIndex: number, testId: string) {
  const map = useMap();
  useEffect(() => {
    const pane = map.getPane(name) ?? map.createPane(name);
    pane.style.zIndex = String(zIndex);
    pane.dataset.testid = testId;
  }, [map, name, zIndex, testId]);
  return map;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The depot: a square, above routes and stops. Adds itself on mount, removes itself on unmount. */
export function DepotLayer({ depot, label }: { depot: Depot; label: string }) {
  const map = usePane('delivery-depot', 470, 'map-depot');
  useEffect(() => {
    const m = marker([depot.lat, depot.lon], {
      pane: 'delivery-depot',
      icon: divIcon({ className: 'dl-depot-marker', html: '<span aria-hidden="true">▣</span>', iconSize: [26, 26] }),
      title: label,
      alt: label,
      keyboard: false,
    }).addTo(map);
    m.bindTooltip(label, { direction: 'top', offset: [0, -12] });
    return () => {
      m.remove();
    };
  }, [map, depot.lat, depot.lon, label]);
  return null;
}

interface SuggestionsProps {
  suggestions: Suggestion[];
  selectedId: string | null;
  describe: (s: Suggestion) => string;
  onSelect: (needRequestId: string) => void;
}

/** Approved needs the depot can serve, coloured by urgency like the communities layer. */
export function SuggestionsLayer({ suggestions, selectedId, describe, onSelect }: SuggestionsProps) {
  const map = usePane('delivery-suggestions', 455, 'map-suggestions');
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const describeRef = useRef(describe);
  describeRef.current = describe;
  useEffect(() => {
    const group = layerGroup().addTo(map);
    for (const s of suggestions) {
      const selected = s.needRequestId === selectedId;
      const m = circleMarker([s.lat, s.lon], {
        pane: 'delivery-suggestions',
        radius: selected ? 11 : 8,
        color: selected ? '#111827' : '#ffffff',
        weight: selected ? 3 : 2,
        fillColor: URGENCY_COLOURS[s.urgency] ?? NO_URGENCY_COLOUR,
        fillOpacity: 0.9,
        dashArray: s.fullyCoverable ? undefined : '3 3',
        className: 'dl-suggestion-marker',
      });
      const label = describeRef.current(s);
      m.bindTooltip(label, { direction: 'top', className: 'community-tip' });
      m.on('click', () => onSelectRef.current(s.needRequestId));
      m.addTo(group);
      const el = m.getElement();
      if (el) {
        el.setAttribute('aria-label', label);
        el.setAttribute('role', 'button');
      }
    }
    return () => {
      group.remove();
    };
  }, [map, suggestions, selectedId]);
  return null;
}

interface RoutesProps {
  routes: Route[];
  colourOf: (route: Route) => string;
  /** Fainter lines when the stops carry the meaning (status mode). */
  faded: boolean;
  describe: (route: Route) => string;
}

/** One polyline per route through its stops in order (depot → stops → depot), in the vehicle's colour. */
export function RoutesLayer({ routes, colourOf, faded, describe }: RoutesProps) {
  const map = usePane('delivery-routes', 430, 'map-routes');
  const colourRef = useRef(colourOf);
  colourRef.current = colourOf;
  const describeRef = useRef(describe);
  describeRef.current = describe;
  useEffect(() => {
    const group = layerGroup().addTo(map);
    for (const r of routes) {
      if (r.path.length < 2 || r.stopIds.length === 0) continue;
      const points: LatLngExpression[] = r.path.map((p) => [p.lat, p.lon]);
      const colour = colourRef.current(r);
      // A white casing under the line keeps it readable over the outlines.
      polyline(points, { pane: 'delivery-routes', color: '#ffffff', weight: 7, opacity: faded ? 0.4 : 0.8, interactive: false }).addTo(group);
      const line = polyline(points, {
        pane: 'delivery-routes',
        color: colour,
        weight: 4,
        opacity: faded ? 0.45 : 0.9,
        dashArray: r.locked ? '10 6' : undefined,
        className: 'dl-route-line',
      });
      line.bindTooltip(describeRef.current(r), { sticky: true });
      line.addTo(group);
      const el = line.getElement();
      if (el) {
        el.setAttribute('data-route-id', r.id);
        el.setAttribute('data-testid', 'route-line');
      }
    }
    return () => {
      group.remove();
    };
  }, [map, routes, faded]);
  return null;
}

interface StopsProps {
  stops: Stop[];
  /** Colour of a stop's marker: its route's vehicle colour, or its status colour. */
  colourOf: (stop: Stop) => string;
  selectedId: string | null;
  describe: (stop: Stop) => string;
  onSelect: (stopId: string) => void;
}

/** Plan stops as numbered pins (their position in the route); stops no route serves show "!". */
export function StopsLayer({ stops, colourOf, selectedId, describe, onSelect }: StopsProps) {
  const map = usePane('delivery-stops', 460, 'map-stops');
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const colourRef = useRef(colourOf);
  colourRef.current = colourOf;
  const describeRef = useRef(describe);
  describeRef.current = describe;
  useEffect(() => {
    const group = layerGroup().addTo(map);
    for (const s of stops) {
      const label = describeRef.current(s);
      const text = s.sequence !== null ? String(s.sequence) : s.unservedReason ? '!' : '•';
      const classes = ['dl-stop-marker', s.id === selectedId ? 'is-selected' : '', s.routeId ? '' : 'is-unrouted'].join(' ');
      const m = marker([s.lat, s.lon], {
        pane: 'delivery-stops',
        icon: divIcon({
          className: classes,
          html: `<span style="background:${colourRef.current(s)}">${escapeHtml(text)}</span>`,
          iconSize: [26, 26],
        }),
        title: label,
        alt: label,
        riseOnHover: true,
      });
      m.on('click', () => onSelectRef.current(s.id));
      m.addTo(group);
      m.getElement()?.setAttribute('data-testid', 'stop-marker');
    }
    return () => {
      group.remove();
    };
  }, [map, stops, selectedId]);
  return null;
}

/** Frames the plan once per plan (and when its first points appear); the user's pan and zoom are kept after. */
export function FitToPoints({ planId, points, version }: { planId: string; points: LatLon[]; version: number }) {
  const map = useMap();
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    const key = `${planId}:${version}`;
    if (points.length === 0 || fitted.current === key) return;
    fitted.current = key;
    const bounds = latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number]));
    map.fitBounds(bounds.pad(0.15), { maxZoom: 11, animate: false });
  }, [map, planId, points, version]);
  return null;
}
