// The month's registered documents by độ khẩn: one horizontal bar each, in
// the order urgency matters, coloured as everywhere else in the app.
import { useTranslation } from 'react-i18next';
import { urgencies, type Urgency } from '../../../../shared/domain.ts';
import { urgencyColors } from '../sync/urgency.ts';

const WIDTH = 360;
const ROW = 30;
const LABEL = 96;
const VALUE = 44;

export function UrgencyBars({ counts }: { counts: Record<Urgency, number> }) {
  const { t } = useTranslation('dashboard');
  const total = urgencies.reduce((sum, urgency) => sum + counts[urgency], 0);
  const largest = Math.max(1, ...urgencies.map((urgency) => counts[urgency]));
  const track = WIDTH - LABEL - VALUE;
  return (
    <svg
      data-testid="dashboard-urgency"
      role="img"
      aria-label={t('urgency.aria')}
      viewBox={`0 0 ${WIDTH} ${ROW * urgencies.length}`}
      width="100%"
      style={{ display: 'block', maxHeight: 160, fontFamily: 'inherit' }}
    >
      {urgencies.map((urgency, index) => {
        const count = counts[urgency];
        const share = total > 0 ? Math.round((count * 100) / total) : 0;
        const top = index * ROW;
        return (
          <g key={urgency} data-urgency={urgency}>
            <title>{t('urgency.tooltip', { urgency: t(`urgency.${urgency}`), count, share })}</title>
            <text x={0} y={top + ROW / 2} dy="0.32em" fontSize={12} fill="#262626">
              {t(`urgency.${urgency}`)}
            </text>
            <rect x={LABEL} y={top + 8} width={track} height={ROW - 16} fill="#f5f5f5" rx={2} />
            <rect
              x={LABEL}
              y={top + 8}
              width={(count / largest) * track}
              height={ROW - 16}
              fill={urgencyColors[urgency]}
              rx={2}
            />
            <text x={WIDTH} y={top + ROW / 2} dy="0.32em" textAnchor="end" fontSize={12} fill="#262626">
              {count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
