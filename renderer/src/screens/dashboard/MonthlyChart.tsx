// Received and sent per month for the twelve months ending with the chosen
// one: grouped bars in plain SVG, the figures on hover (each bar's <title>),
// each bar a link to its register for that month.
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../../../shared/api.ts';
import { countScale } from './chart-scale.ts';
import { monthLink } from './links.ts';

export const seriesColors = { received: '#1677ff', sent: '#13a8a8' } as const;

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 10, right: 8, bottom: 34, left: 36 };

export function MonthlyChart({ months, selected }: { months: DashboardView['byMonth']; selected: string }) {
  const { t } = useTranslation('dashboard');
  const scale = countScale(Math.max(0, ...months.map((m) => Math.max(m.received, m.sent))));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const group = plotWidth / Math.max(months.length, 1);
  const bar = Math.min(18, group * 0.32);
  const y = (value: number) => PAD.top + plotHeight - (value / scale.top) * plotHeight;

  return (
    <Flex vertical gap={4}>
      <Flex gap={16} justify="flex-end">
        <Legend color={seriesColors.received} text={t('chart.received')} />
        <Legend color={seriesColors.sent} text={t('chart.sent')} />
      </Flex>
      <svg
        data-testid="dashboard-chart"
        role="img"
        aria-label={t('chart.aria')}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ display: 'block', maxHeight: 260, fontFamily: 'inherit' }}
      >
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke={tick === 0 ? '#8c8c8c' : '#f0f0f0'}
            />
            <text x={PAD.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={11} fill="#8c8c8c">
              {tick}
            </text>
          </g>
        ))}
        {months.map((entry, index) => {
          const [year, month] = [entry.month.slice(0, 4), Number(entry.month.slice(5, 7))];
          const left = PAD.left + index * group + (group - 2 * bar - 2) / 2;
          const when = t('chart.month', { month, year });
          const current = entry.month === selected;
          return (
            <g key={entry.month} data-month={entry.month}>
              <title>{t('chart.tooltip', { when, received: entry.received, sent: entry.sent })}</title>
              <rect
                x={PAD.left + index * group}
                y={PAD.top}
                width={group}
                height={plotHeight}
                fill={current ? '#e6f4ff' : 'transparent'}
              />
              <a href={monthLink('incoming', entry.month)}>
                <rect
                  x={left}
                  y={y(entry.received)}
                  width={bar}
                  height={Math.max(0, y(0) - y(entry.received))}
                  fill={seriesColors.received}
                  rx={1}
                >
                  <title>{t('chart.receivedTooltip', { when, count: entry.received })}</title>
                </rect>
              </a>
              <a href={monthLink('outgoing', entry.month)}>
                <rect
                  x={left + bar + 2}
                  y={y(entry.sent)}
                  width={bar}
                  height={Math.max(0, y(0) - y(entry.sent))}
                  fill={seriesColors.sent}
                  rx={1}
                >
                  <title>{t('chart.sentTooltip', { when, count: entry.sent })}</title>
                </rect>
              </a>
              <text
                x={PAD.left + index * group + group / 2}
                y={HEIGHT - PAD.bottom + 15}
                textAnchor="middle"
                fontSize={11}
                fontWeight={current ? 600 : 400}
                fill={current ? '#1f1f1f' : '#595959'}
              >
                {t('chart.axis', { month })}
              </text>
              {(month === 1 || index === 0) && (
                <text
                  x={PAD.left + index * group + group / 2}
                  y={HEIGHT - PAD.bottom + 29}
                  textAnchor="middle"
                  fontSize={10}
                  fill="#8c8c8c"
                >
                  {year}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Flex>
  );
}

function Legend({ color, text }: { color: string; text: string }) {
  return (
    <Flex align="center" gap={6}>
      <span style={{ width: 10, height: 10, background: color, display: 'inline-block', borderRadius: 2 }} />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Flex>
  );
}
