// The leader's page: this month's counts (received, sent, overdue, share
// signed digitally and sent electronically), the year behind them, urgency,
// and the registers exported for printing. Each figure opens the register
// it counts, filtered the same way.
import { Card, Col, DatePicker, Flex, Row, Spin, Statistic, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../../../shared/api.ts';
import { localDate } from '../../../../shared/dates.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatNumber } from '../sync/format.ts';
import { RegisterExportForm } from '../registers/RegisterExportForm.tsx';
import { HandlingReportCard } from './HandlingReportCard.tsx';
import { monthDays, monthLink, overdueLink } from './links.ts';
import { MonthlyChart } from './MonthlyChart.tsx';
import { UrgencyBars } from './UrgencyBars.tsx';

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const thisMonth = localDate(new Date()).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const [stats, setStats] = useState<DashboardView | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  // The month whose answer (figures or error) is in; the previous month's figures stay shown until then.
  const [answered, setAnswered] = useState<string | null>(null);
  const loading = answered !== month;

  useEffect(() => {
    let stopped = false;
    call('dashboard.stats', { month })
      .then((view) => {
        if (stopped) return;
        setStats(view);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!stopped) setError(asCoreError(caught));
      })
      .finally(() => {
        if (!stopped) setAnswered(month);
      });
    return () => {
      stopped = true;
    };
  }, [month]);

  const [year, monthNumber] = [month.slice(0, 4), Number(month.slice(5, 7))];
  return (
    <Flex vertical gap={12} style={{ padding: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title', { month: monthNumber, year })}
        </Typography.Title>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('monthPicker')}</Typography.Text>
          <DatePicker
            data-testid="dashboard-month"
            picker="month"
            size="small"
            format="MM/YYYY"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            disabledDate={(date) => date.format('YYYY-MM') > thisMonth}
            onChange={(date) => {
              if (date) setMonth(date.format('YYYY-MM'));
            }}
          />
        </Flex>
      </Flex>
      {error && <ErrorNotice error={error} />}
      <Spin spinning={loading && stats !== null}>
        <Row gutter={[12, 12]}>
          <StatCard
            testId="dashboard-received"
            title={t('stat.received')}
            value={stats?.receivedThisMonth ?? null}
            loading={stats === null}
            href={monthLink('incoming', month)}
          />
          <StatCard
            testId="dashboard-sent"
            title={t('stat.sent')}
            value={stats?.sentThisMonth ?? null}
            loading={stats === null}
            href={monthLink('outgoing', month)}
          />
          <StatCard
            testId="dashboard-overdue"
            title={t('stat.overdue')}
            value={stats?.overdue ?? null}
            loading={stats === null}
            color={stats && stats.overdue > 0 ? '#cf1322' : undefined}
            help={t('stat.overdueHelp')}
            href={overdueLink()}
          />
          <StatCard
            testId="dashboard-signed-percent"
            title={t('stat.signed')}
            value={stats?.signedDigitallyPercent ?? null}
            percent
            loading={stats === null}
            help={t('stat.signedHelp')}
            missing={t('stat.noIssued')}
            href={monthLink('outgoing', month)}
          />
          <StatCard
            testId="dashboard-electronic-percent"
            title={t('stat.electronic')}
            value={stats?.sentElectronicallyPercent ?? null}
            percent
            loading={stats === null}
            help={t('stat.electronicHelp')}
            missing={t('stat.noIssued')}
            href={monthLink('outgoing', month)}
          />
        </Row>
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} xl={16}>
            <Card size="small" title={t('chart.title')}>
              {stats ? <MonthlyChart months={stats.byMonth} selected={stats.month} /> : <Spin />}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('urgency.title', { month: monthNumber, year })}>
              {stats ? <UrgencyBars counts={stats.byUrgency} /> : <Spin />}
            </Card>
          </Col>
        </Row>
      </Spin>
      <HandlingReportCard {...monthDays(month)} />
      <Card size="small" title={t('export.title')}>
        <RegisterExportForm />
      </Card>
    </Flex>
  );
}

interface StatCardProps {
  testId: string;
  title: string;
  value: number | null;
  loading: boolean;
  percent?: boolean;
  color?: string | undefined;
  /** What the figure counts, on the title's tooltip. */
  help?: string;
  /** Why a percentage has no value. */
  missing?: string;
  /** The register filtered to what the figure counts. */
  href: string;
}

function StatCard({ testId, title, value, loading, percent = false, color, help, missing, href }: StatCardProps) {
  const { t, i18n } = useTranslation('dashboard');
  const text =
    value === null ? '—' : percent ? `${formatNumber(value, i18n.language, 1)}%` : formatNumber(value, i18n.language);
  const shown = (
    <a href={href} className="stat-link" data-testid={testId} data-value={value ?? ''} title={t('stat.open')}>
      {text}
    </a>
  );
  return (
    <Col flex="1 1 180px">
      <Card size="small">
        <Statistic
          title={help ? <Tooltip title={help}>{title}</Tooltip> : title}
          loading={loading}
          value={value ?? 0}
          styles={color ? { content: { color } } : undefined}
          formatter={() => (value === null && missing ? <Tooltip title={missing}>{shown}</Tooltip> : shown)}
        />
      </Card>
    </Col>
  );
}
