import './coverage-layers.css';
import { divIcon, layerGroup, marker, type LayerGroup } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router';
import { useAuth } from '@app/auth-context';
import { formatNumber } from '@app/format';
import { canSee, modules } from '@app/navigation';
import { useCoverage } from '../features/reports/hooks/useReports';

export interface GapsLayerProps {
  from?: string;
  to?: string;
  days?: number;
}

const paneName = 'gaps';
const communitiesModule = modules.find((m) => m.id === 'communities');

/**
 * Gaps of the coverage report (approved needs nobody is serving) as conspicuous markers that can be
 * tabbed to; each names the community and the days it has waited, and opens the community page for
 * roles that may see it. Fetches its own data; adds itself on mount, removes itself on unmount.
 */
export function GapsLayer({ from, to, days }: GapsLayerProps) {
  const map = useMap();
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const coverage = useCoverage({ from, to, days });
  const groupRef = useRef<LayerGroup | null>(null);
  const canOpen = !!user && !!communitiesModule && canSee(user.roles, communitiesModule);
  const gaps = coverage.data?.gaps;

  useEffect(() => {
    const pane = map.getPane(paneName) ?? map.createPane(paneName);
    pane.dataset.testid = 'map-gaps';
    // Above the community markers (450) and the coverage circles (430), under tooltips (650).
    pane.style.zIndex = '620';
    const group = layerGroup().addTo(map);
    groupRef.current = group;
    return () => {
      group.remove();
      groupRef.current = null;
    };
  }, [map]);

  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;
    group.clearLayers();
    for (const gap of gaps ?? []) {
      const label = t('reports.map.gap', { name: gap.communityName, days: gap.daysUnserved });
      const size = 16 + Math.min(5, gap.urgency);
      const m = marker([gap.lat, gap.lon], {
        pane: paneName,
        keyboard: canOpen,
        riseOnHover: true,
        icon: divIcon({
          className: `gap-marker${canOpen ? ' gap-marker--link' : ''}`,
          html: '<span aria-hidden="true">!</span>',
          iconSize: [size, size],
          iconAnchor: [size / 2, size],
          tooltipAnchor: [0, -size],
        }),
      });
      // Names are user input: the tooltip is built from text nodes, never from an HTML string.
      m.bindTooltip(
        tipContent(
          label,
          t('reports.map.gapDetail', {
            district: gap.districtName,
            urgency: gap.urgency,
            households: formatNumber(gap.householdsAffected, i18n.language),
          }),
        ),
        { direction: 'top', className: 'coverage-tip' },
      );
      const open = () => void navigate(`/comunidades/${gap.communityId}`);
      if (canOpen) m.on('click', open);
      m.addTo(group);
      const el = m.getElement();
      if (el) {
        el.setAttribute('aria-label', label);
        el.setAttribute('role', canOpen ? 'link' : 'img');
        el.dataset.communityId = gap.communityId;
        // Leaflet makes the marker focusable but does not turn Enter into a click; a link opens on Enter.
        if (canOpen) {
          el.addEventListener('keydown', (e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              open();
            }
          });
        }
      }
    }
  }, [gaps, canOpen, navigate, t, i18n.language]);

  return null;
}

function tipContent(...lines: string[]): HTMLElement {
  const box = document.createElement('div');
  for (const line of lines) {
    const p = document.createElement('div');
    p.textContent = line;
    box.append(p);
  }
  return box;
}
