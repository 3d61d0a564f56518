import './deliveries.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@app/auth-context';
import { REJECTION_REASONS, type RejectionReason, type StopDetail } from '../api/deliveries-types';
import { useConfirmStop, useDeliverStop, useFailStop, useStop } from '../hooks/useDeliveries';
import { ConfirmDialog, ErrorMessage, STOP_STATUS_COLOURS, useFormat } from './shared';
import { TimelineList } from './TimelineList';

/** Routes on the road or back: the only time a stop can be delivered, failed or confirmed. */
const ON_THE_ROAD = new Set(['in_transit', 'completed']);

export function StopDetailView({ stopId, titleId }: { stopId: string; titleId: string }) {
  const { t } = useTranslation();
  const stop = useStop(stopId);
  if (stop.isError) {
    return (
      <>
        <h1 id={titleId}>{t('deliveries.stop.title')}</h1>
        <ErrorMessage error={stop.error} />
      </>
    );
  }
  if (!stop.data) {
    return (
      <p className="page-status" role="status" id={titleId}>
        {t('app.loading')}
      </p>
    );
  }
  return <Detail stop={stop.data} titleId={titleId} />;
}

function Detail({ stop, titleId }: { stop: StopDetail; titleId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { user } = useAuth();
  const staff = !!user?.roles.some((r) => r === 'admin' || r === 'coordinator');
  const deliver = useDeliverStop();
  const fail = useFailStop();
  const [failOpen, setFailOpen] = useState(false);
  const [failReason, setFailReason] = useState('');
  const onTheRoad = stop.routeStatus !== null && ON_THE_ROAD.has(stop.routeStatus);
  const open = stop.status === 'pending' || stop.status === 'delivered';
  const name = (l: StopDetail['lines'][number]) => (f.en ? l.kitTypeNameEn : l.kitTypeNameEs);

  return (
    <div className="dl-stack">
      <Link to={`/entregas/planes/${stop.planId}`} className="dl-back">
        {t('deliveries.stop.backToPlan', { name: stop.planName })}
      </Link>
      <div className="dl-section__head">
        <h1 id={titleId}>{stop.communityName}</h1>
        <span className="dl-status dl-status--big" style={{ background: STOP_STATUS_COLOURS[stop.status] }} data-testid="stop-status">
          {t(`deliveries.stopStatus.${stop.status}`)}
        </span>
      </div>
      <div className="dl-columns">
        <section className="dl-card" aria-labelledby="dl-stop-facts">
          <h2 id="dl-stop-facts" className="dl-h">
            {t('deliveries.stop.facts')}
          </h2>
          <dl className="dl-facts dl-facts--rows">
            <div>
              <dt>{t('deliveries.stop.community')}</dt>
              <dd>
                <Link to={`/comunidades/${stop.communityId}`}>{stop.communityName}</Link>
                {stop.districtName ? ` · ${stop.districtName}` : ''}
              </dd>
            </div>
            <div>
              <dt>{t('deliveries.stop.route')}</dt>
              <dd>
                {stop.vehicleName
                  ? `${stop.vehicleName}${stop.routeStatus ? ` · ${t(`deliveries.routeStatus.${stop.routeStatus}`)}` : ''}${
                      stop.sequence !== null ? ` · ${t('deliveries.map.stopN', { n: stop.sequence })}` : ''
                    }`
                  : t('deliveries.map.unrouted')}
              </dd>
            </div>
            <div>
              <dt>{t('deliveries.stop.eta')}</dt>
              <dd>{f.dateTime(stop.eta)}</dd>
            </div>
            <div>
              <dt>{t('deliveries.stop.deliveredAt')}</dt>
              <dd>{f.dateTime(stop.deliveredAt)}</dd>
            </div>
            <div>
              <dt>{t('deliveries.stop.confirmedAt')}</dt>
              <dd>{f.dateTime(stop.confirmedAt)}</dd>
            </div>
            <div>
              <dt>{t('deliveries.stop.code')}</dt>
              <dd>
                {stop.hasConfirmationCode
                  ? t('deliveries.stop.codeIssued', { date: f.dateTime(stop.codeExpiresAt) })
                  : t('deliveries.stop.noCode')}
              </dd>
            </div>
            {stop.failureReason && (
              <div>
                <dt>{t('deliveries.stop.failureReason')}</dt>
                <dd className="dl-danger">{stop.failureReason}</dd>
              </div>
            )}
          </dl>
          {stop.overdue && (
            <p className="alert" role="status">
              {t('deliveries.stop.overdue')}
            </p>
          )}
          {staff && open && (
            <div className="actions">
              {stop.status === 'pending' && (
                <button
                  type="button"
                  className="button button--primary"
                  disabled={!onTheRoad || deliver.isPending}
                  onClick={() => deliver.mutate(stop.id)}
                >
                  {t('deliveries.stop.deliver')}
                </button>
              )}
              <button type="button" className="button button--danger-outline" disabled={!onTheRoad} onClick={() => setFailOpen(true)}>
                {t('deliveries.stop.fail')}
              </button>
            </div>
          )}
          {staff && open && !onTheRoad && <p className="muted dl-hint">{t('deliveries.stop.notOnTheRoad')}</p>}
          <ErrorMessage error={deliver.error ?? fail.error} />
        </section>
        <Proof stop={stop} />
      </div>
      <section aria-labelledby="dl-stop-lines">
        <h2 id="dl-stop-lines" className="dl-h">
          {t('deliveries.stop.lines')}
        </h2>
        <div className="dl-table-wrap">
          <table className="dl-table" aria-labelledby="dl-stop-lines">
            <thead>
              <tr>
                <th scope="col">{t('deliveries.common.kit')}</th>
                <th scope="col" className="num">
                  {t('deliveries.stop.planned')}
                </th>
                <th scope="col" className="num">
                  {t('deliveries.stop.dispatched')}
                </th>
                <th scope="col" className="num">
                  {t('deliveries.stop.accepted')}
                </th>
                <th scope="col" className="num">
                  {t('deliveries.stop.rejected')}
                </th>
                <th scope="col" className="num">
                  {t('deliveries.stop.missing')}
                </th>
                <th scope="col" className="num">
                  {t('deliveries.stop.returned')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stop.lines.map((l) => (
                <tr key={l.lineId}>
                  <td>
                    {name(l)} <span className="dl-sub">{l.kitTypeCode}</span>
                  </td>
                  <td className="num">{l.quantity}</td>
                  <td className="num">{l.dispatched}</td>
                  <td className="num">{l.accepted ?? '—'}</td>
                  <td className="num">
                    {l.rejected}
                    {l.rejectionReason ? ` (${t(`deliveries.rejection.${l.rejectionReason}`)})` : ''}
                  </td>
                  <td className="num">{l.missing}</td>
                  <td className="num">{l.returned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {staff && open && onTheRoad && !stop.confirmation && <PhoneConfirmationForm stop={stop} />}
      <section aria-labelledby="dl-stop-timeline">
        <h2 id="dl-stop-timeline" className="dl-h">
          {t('deliveries.stop.timeline')}
        </h2>
        <TimelineList scope={{ stopId: stop.id }} />
      </section>
      <ConfirmDialog
        open={failOpen}
        title={t('deliveries.stop.failTitle', { name: stop.communityName })}
        confirmLabel={t('deliveries.stop.fail')}
        danger
        busy={fail.isPending}
        canConfirm={failReason.trim().length >= 3}
        onClose={() => setFailOpen(false)}
        onConfirm={() => fail.mutate({ stopId: stop.id, reason: failReason.trim() }, { onSettled: () => setFailOpen(false) })}
      >
        <p>{t('deliveries.stop.failBody')}</p>
        <div className="field">
          <label htmlFor="dl-fail-reason">{t('deliveries.common.reason')}</label>
          <textarea id="dl-fail-reason" rows={2} minLength={3} maxLength={500} value={failReason} onChange={(e) => setFailReason(e.target.value)} />
        </div>
      </ConfirmDialog>
    </div>
  );
}

function Proof({ stop }: { stop: StopDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = stop.confirmation;
  return (
    <section className="dl-card" aria-labelledby="dl-proof-title" data-testid="proof">
      <h2 id="dl-proof-title" className="dl-h">
        {t('deliveries.proof.title')}
      </h2>
      {!c ? (
        <p className="muted">{stop.status === 'delivered' ? t('deliveries.proof.awaiting') : t('deliveries.proof.none')}</p>
      ) : (
        <dl className="dl-facts dl-facts--rows">
          <div>
            <dt>{t('deliveries.proof.channel')}</dt>
            <dd>{t(`deliveries.channel.${c.channel}`)}</dd>
          </div>
          <div>
            <dt>{t('deliveries.proof.totals')}</dt>
            <dd data-testid="proof-totals">{t('deliveries.proof.totalsValue', { ...c.totals })}</dd>
          </div>
          <div>
            <dt>{t('deliveries.proof.receivedBy')}</dt>
            <dd>
              {c.receivedByName}
              {c.receivedByRole ? ` (${c.receivedByRole})` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('deliveries.proof.receivedAt')}</dt>
            <dd>{f.dateTime(c.receivedAt)}</dd>
          </div>
          {c.recordedByName && (
            <div>
              <dt>{t('deliveries.proof.recordedBy')}</dt>
              <dd>{c.recordedByName}</dd>
            </div>
          )}
          {c.notes && (
            <div>
              <dt>{t('deliveries.stop.notes')}</dt>
              <dd>{c.notes}</dd>
            </div>
          )}
          <div>
            <dt>{t('deliveries.proof.gps')}</dt>
            <dd>{c.gps ? `${c.gps.lat.toFixed(5)}, ${c.gps.lon.toFixed(5)}` : '—'}</dd>
          </div>
          <div>
            <dt>{t('deliveries.proof.photo')}</dt>
            <dd>
              {stop.photo && stop.photo.startsWith('data:image/') ? (
                <img className="dl-photo" src={stop.photo} alt={t('deliveries.proof.photoAlt', { name: stop.communityName })} />
              ) : (
                '—'
              )}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

interface LineDraft {
  accepted: number;
  rejected: number;
  reason: RejectionReason | '';
  missing: number;
}

/** What the leader read out on the phone, recorded by the coordinator (channel "phone"). */
function PhoneConfirmationForm({ stop }: { stop: StopDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const confirm = useConfirmStop();
  // One key per confirmation attempt: resending after a dropped connection cannot confirm twice.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [receivedBy, setReceivedBy] = useState('');
  const [role, setRole] = useState('');
  const [receivedAt, setReceivedAt] = useState(() => toLocalInput(new Date()));
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<Record<string, LineDraft>>(() =>
    Object.fromEntries(stop.lines.map((l) => [l.lineId, { accepted: l.dispatched, rejected: 0, reason: '', missing: 0 }])),
  );
  const set = (id: string, patch: Partial<LineDraft>) => setLines((all) => ({ ...all, [id]: { ...all[id], ...patch } }));
  const wrong = stop.lines.filter((l) => {
    const d = lines[l.lineId];
    return d.accepted + d.rejected + d.missing !== l.dispatched || (d.rejected > 0 && !d.reason);
  });
  const num = (v: string) => Math.max(0, Math.floor(Number(v)) || 0);

  return (
    <section className="dl-card" aria-labelledby="dl-phone-title">
      <h2 id="dl-phone-title" className="dl-h">
        {t('deliveries.phone.title')}
      </h2>
      <p className="muted dl-hint">{t('deliveries.phone.intro')}</p>
      <form
        className="dl-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (wrong.length > 0) return;
          confirm.mutate(
            {
              stopId: stop.id,
              idempotencyKey: key,
              body: {
                channel: 'phone',
                receivedByName: receivedBy.trim(),
                ...(role.trim() ? { receivedByRole: role.trim() } : {}),
                receivedAt: new Date(receivedAt).toISOString(),
                ...(notes.trim() ? { notes: notes.trim() } : {}),
                lines: stop.lines.map((l) => {
                  const d = lines[l.lineId];
                  return {
                    lineId: l.lineId,
                    accepted: d.accepted,
                    rejected: d.rejected,
                    missing: d.missing,
                    ...(d.rejected > 0 && d.reason ? { rejectionReason: d.reason } : {}),
                  };
                }),
              },
            },
            { onSuccess: () => setKey(crypto.randomUUID()) },
          );
        }}
      >
        <div className="dl-table-wrap">
          <table className="dl-table">
            <caption className="visually-hidden">{t('deliveries.phone.linesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.common.kit')}</th>
                <th scope="col" className="num">
                  {t('deliveries.stop.dispatched')}
                </th>
                <th scope="col">{t('deliveries.stop.accepted')}</th>
                <th scope="col">{t('deliveries.stop.rejected')}</th>
                <th scope="col">{t('deliveries.phone.reason')}</th>
                <th scope="col">{t('deliveries.stop.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {stop.lines.map((l) => {
                const d = lines[l.lineId];
                const kit = f.en ? l.kitTypeNameEn : l.kitTypeNameEs;
                const bad = wrong.includes(l);
                return (
                  <tr key={l.lineId} className={bad ? 'is-invalid' : ''}>
                    <th scope="row">{kit}</th>
                    <td className="num">{l.dispatched}</td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={l.dispatched}
                        className="dl-num-input"
                        aria-label={t('deliveries.phone.acceptedOf', { name: kit })}
                        value={d.accepted}
                        onChange={(e) => set(l.lineId, { accepted: num(e.target.value) })}
                      />
                    </td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={l.dispatched}
                        className="dl-num-input"
                        aria-label={t('deliveries.phone.rejectedOf', { name: kit })}
                        value={d.rejected}
                        onChange={(e) => set(l.lineId, { rejected: num(e.target.value) })}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={t('deliveries.phone.reasonOf', { name: kit })}
                        value={d.reason}
                        required={d.rejected > 0}
                        disabled={d.rejected === 0}
                        onChange={(e) => set(l.lineId, { reason: e.target.value as RejectionReason | '' })}
                      >
                        <option value="">—</option>
                        {REJECTION_REASONS.map((r) => (
                          <option key={r} value={r}>
                            {t(`deliveries.rejection.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={l.dispatched}
                        className="dl-num-input"
                        aria-label={t('deliveries.phone.missingOf', { name: kit })}
                        value={d.missing}
                        onChange={(e) => set(l.lineId, { missing: num(e.target.value) })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {wrong.length > 0 && (
          <p className="field__error" role="alert">
            {t('deliveries.phone.sumWrong', { names: wrong.map((l) => (f.en ? l.kitTypeNameEn : l.kitTypeNameEs)).join(', ') })}
          </p>
        )}
        <div className="dl-form__row">
          <div className="field">
            <label htmlFor="dl-phone-name">{t('deliveries.phone.receivedBy')}</label>
            <input id="dl-phone-name" required maxLength={200} value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="dl-phone-role">{t('deliveries.phone.role')}</label>
            <input id="dl-phone-role" maxLength={60} value={role} placeholder={t('deliveries.phone.rolePlaceholder')} onChange={(e) => setRole(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="dl-phone-at">{t('deliveries.phone.receivedAt')}</label>
            <input id="dl-phone-at" type="datetime-local" required value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="dl-phone-notes">{t('deliveries.stop.notes')}</label>
          <textarea id="dl-phone-notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <ErrorMessage error={confirm.error} />
        <button type="submit" className="button button--primary" disabled={confirm.isPending || wrong.length > 0}>
          {confirm.isPending ? t('deliveries.common.saving') : t('deliveries.phone.submit')}
        </button>
      </form>
    </section>
  );
}

/** <input type="datetime-local"> wants local wall time without a zone. */
function toLocalInput(d: Date): string {
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
