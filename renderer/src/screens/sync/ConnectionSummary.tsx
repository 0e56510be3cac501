// The enrollment at a glance: which hub, for which agency, whether this PC
// holds the register, when the next automatic sync runs, and how the line is.
import { Descriptions, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncRunView, SyncStatusView } from '../../../../shared/sync.ts';
import { localDate } from '../../../../shared/dates.ts';
import { formatDate, formatDateTime } from '../../components/dates.ts';
import { formatBytes } from './format.ts';
import { averageRate } from './run-words.ts';
import { clockText, nextScheduledRun } from './schedule.ts';

interface Props {
  status: SyncStatusView;
  latestRun: SyncRunView | null;
  /** Bytes per second measured during the run going on now. */
  measuredRate: number | null;
}

export function ConnectionSummary({ status, latestRun, measuredRate }: Props) {
  const { t, i18n } = useTranslation('sync');
  const next = nextScheduledRun(status.schedule, new Date());
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        {
          key: 'hub',
          label: t('connection.hub'),
          children: <Typography.Text copyable={{ text: status.hubUrl ?? '' }}>{status.hubUrl}</Typography.Text>,
        },
        { key: 'agency', label: t('connection.agency'), children: status.agencyCode },
        {
          key: 'register',
          label: t('connection.register'),
          children: t(status.holdsRegister ? 'connection.holdsRegister' : 'connection.notHoldsRegister'),
        },
        {
          key: 'schedule',
          label: t('connection.schedule'),
          children: t(next.tomorrow ? 'connection.nextTomorrow' : 'connection.nextToday', {
            time: clockText(status.schedule),
            date: formatDate(localDate(next.at)),
          }),
        },
        { key: 'line', label: t('connection.line'), children: lineText(latestRun, measuredRate, t, i18n.language) },
        {
          key: 'expires',
          label: t('connection.expires'),
          children: status.expiresAt ? formatDate(localDate(new Date(status.expiresAt))) : t('connection.unknown'),
        },
      ]}
    />
  );
}

function lineText(run: SyncRunView | null, measured: number | null, t: TFunction<'sync'>, language: string): string {
  if (measured !== null) return t('line.measuring', { rate: formatBytes(measured, language) });
  if (!run) return t('line.unknown');
  if (run.errorCode === 'SYNC_OFFLINE') return t('line.down', { at: formatDateTime(run.startedAt) });
  const rate = averageRate(run);
  return rate === null
    ? t('line.unknown')
    : t('line.last', { rate: formatBytes(rate, language), at: formatDateTime(run.startedAt) });
}
