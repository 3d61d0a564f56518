import { useTranslation } from 'react-i18next';

/** Colours shared by the list, the board and the map layer: 5 = red … 1 = green, none = grey. */
export const URGENCY_COLOURS: Record<number, string> = {
  5: '#b3261e',
  4: '#d9480f',
  3: '#e8a317',
  2: '#6a9a1f',
  1: '#2f7d32',
};
export const NO_URGENCY_COLOUR = '#6b7785';

export function UrgencyBadge({ urgency }: { urgency: number | null | undefined }) {
  const { t } = useTranslation();
  const colour = urgency ? URGENCY_COLOURS[urgency] : NO_URGENCY_COLOUR;
  return (
    <span className="urgency" style={{ backgroundColor: colour }}>
      {urgency ? t('communities.urgencyN', { n: urgency }) : t('communities.noOpenNeeds')}
    </span>
  );
}
