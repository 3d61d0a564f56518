import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionStatus } from './connection-status';
import './connection-banner.css';

/** How long "Conexión restablecida" stays on screen after the network comes back. */
const BACK_ONLINE_MS = 5_000;

/**
 * Under the header of every signed-in screen: says when there is no connection (or the server does not
 * answer) and how old the data on screen is when it could not be refreshed or is old. One polite live
 * region, so a screen reader hears each change once; the retry button sits outside it.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { online, unreachable, staleSince, now } = useConnectionStatus();
  const [backOnline, setBackOnline] = useState(false);
  const wasOnline = useRef(online);

  useEffect(() => {
    if (online && !wasOnline.current) {
      setBackOnline(true);
      const timer = window.setTimeout(() => setBackOnline(false), BACK_ONLINE_MS);
      wasOnline.current = online;
      return () => window.clearTimeout(timer);
    }
    wasOnline.current = online;
    if (!online) setBackOnline(false);
    return undefined;
  }, [online]);

  const minutes = staleSince === null ? null : Math.max(0, Math.floor((now - staleSince) / 60_000));
  const problem = !online ? 'offline' : unreachable ? 'unreachable' : null;
  const visible = problem !== null || minutes !== null || backOnline;

  return (
    <div className="connection" data-visible={visible}>
      <div role="status" aria-live="polite" aria-atomic="true" className="connection__messages">
        {problem === 'offline' && (
          <p className="connection__banner connection__banner--offline" data-testid="connection-banner">
            <strong>{t('shell.offline')}</strong> {t('shell.offlineHelp')}
          </p>
        )}
        {problem === 'unreachable' && (
          <p className="connection__banner connection__banner--offline" data-testid="connection-banner">
            <strong>{t('shell.unreachable')}</strong> {t('shell.unreachableHelp')}
          </p>
        )}
        {problem === null && backOnline && <p className="connection__banner connection__banner--ok">{t('shell.backOnline')}</p>}
        {minutes !== null && (
          <p className="connection__banner connection__banner--stale" data-testid="stale-banner">
            <strong>{minutes < 1 ? t('shell.staleJustNow') : t('shell.stale', { minutes })}</strong>
            {problem !== null && <> {t('shell.staleHelp')}</>}
          </p>
        )}
      </div>
      {(problem === 'unreachable' || (problem === null && minutes !== null)) && (
        <button type="button" className="button connection__retry" onClick={() => void client.refetchQueries({ type: 'active' })}>
          {t('shell.retry')}
        </button>
      )}
    </div>
  );
}
