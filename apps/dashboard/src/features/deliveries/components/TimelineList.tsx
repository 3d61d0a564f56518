import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../api/deliveries-types';
import { usePlanTimeline, useStopTimeline } from '../hooks/useDeliveries';
import { ErrorMessage, useFormat } from './shared';

type Scope = { planId: string } | { stopId: string };

/** What happened to a plan or a stop, newest first, with who did it. */
export function TimelineList({ scope }: { scope: Scope }) {
  return 'planId' in scope ? <PlanTimeline planId={scope.planId} /> : <StopTimeline stopId={scope.stopId} />;
}

function PlanTimeline({ planId }: { planId: string }) {
  const q = usePlanTimeline(planId, true);
  return <Events events={q.data} error={q.error} />;
}

function StopTimeline({ stopId }: { stopId: string }) {
  const q = useStopTimeline(stopId);
  return <Events events={q.data} error={q.error} />;
}

function Events({ events, error }: { events: TimelineEvent[] | undefined; error: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (error) return <ErrorMessage error={error} />;
  if (!events) return <p className="muted">{t('app.loading')}</p>;
  if (events.length === 0) return <p className="muted">{t('deliveries.timeline.empty')}</p>;
  // Event kinds are open-ended ("route.loaded", "stop.confirmed" …): known ones are translated, others shown as sent.
  const kinds: Record<string, string> = t('deliveries.timeline.kinds', { returnObjects: true });
  const statuses: Record<string, string> = t('deliveries.timeline.status', { returnObjects: true });
  const label = (kind: string) => lookup(kinds, kind.replace(/\./g, '_')) ?? kind;
  const status = (s: string) => lookup(statuses, s) ?? s;
  const sorted = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <ol className="dl-timeline" data-testid="timeline">
      {sorted.map((e) => (
        <li key={e.id}>
          <time dateTime={e.occurredAt}>{f.dateTime(e.occurredAt)}</time>
          <span className="dl-timeline__what">
            {label(e.kind)}
            {e.fromStatus || e.toStatus ? ` (${e.fromStatus ? status(e.fromStatus) : '—'} → ${e.toStatus ? status(e.toStatus) : '—'})` : ''}
          </span>
          {e.detail && <span className="dl-sub">{e.detail}</span>}
          <span className="dl-sub">{e.actorName ?? t('deliveries.timeline.noActor')}</span>
        </li>
      ))}
    </ol>
  );
}

function lookup(messages: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(messages, key) ? messages[key] : undefined;
}
