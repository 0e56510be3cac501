// Báo cáo tình hình giải quyết văn bản đến for the month on the dashboard:
// per official or per unit, each figure a button opening the documents it
// counts, and the same table saved as Excel or PDF.
import { Button, Card, Flex, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayMonthYear } from '../../../../shared/dates.ts';
import {
  handlingReportFigures,
  type HandlingReportFigure,
  type HandlingReportRow,
} from '../../../../shared/handling-report.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { downloadBase64 } from '../../components/files.ts';
import { HandlingFigureList, type FigureChoice } from './HandlingFigureList.tsx';
import { useHandlingReport } from './use-handling-report.ts';

interface Props {
  from: string;
  to: string;
}

export function HandlingReportCard({ from, to }: Props) {
  const { t } = useTranslation('dashboard');
  const [by, setBy] = useState<'person' | 'unit'>('person');
  const { report, error } = useHandlingReport(from, to, by);
  const [choice, setChoice] = useState<FigureChoice | null>(null);
  const [saveError, setSaveError] = useState<CoreError | null>(null);

  const save = async (format: 'xlsx' | 'pdf') => {
    try {
      const { file } = await call('report.handling', { from, to, by, format });
      if (file) downloadBase64(file.base64, file.filename, file.mime);
      setSaveError(null);
    } catch (caught) {
      setSaveError(asCoreError(caught));
    }
  };

  const figureCell = (figure: HandlingReportFigure) => (value: number, row: HandlingReportRow) => (
    <Button
      type="link"
      size="small"
      disabled={value === 0}
      data-testid={`handling-${figure}-${row.key || 'total'}`}
      data-value={value}
      onClick={() => setChoice({ key: row.key, name: row.name, figure })}
    >
      {value}
    </Button>
  );
  const rows = report ? [...report.rows, { ...report.total, name: t('handling.total') }] : [];

  return (
    <Card
      size="small"
      data-testid="handling-report"
      title={t('handling.title', { from: dayMonthYear(from), to: dayMonthYear(to) })}
      extra={
        <Flex gap={8} align="center">
          <Segmented
            size="small"
            value={by}
            onChange={(value) => setBy(value === 'unit' ? 'unit' : 'person')}
            options={[
              { value: 'person', label: t('handling.byPerson') },
              { value: 'unit', label: t('handling.byUnit') },
            ]}
          />
          <Button size="small" data-testid="handling-report-xlsx" onClick={() => void save('xlsx')}>
            {t('handling.saveXlsx')}
          </Button>
          <Button size="small" onClick={() => void save('pdf')}>
            {t('handling.savePdf')}
          </Button>
        </Flex>
      }
    >
      {error && <ErrorNotice error={error} />}
      {saveError && <ErrorNotice error={saveError} />}
      {report && report.asOf !== report.to && (
        <Typography.Text type="secondary">{t('handling.asOf', { date: dayMonthYear(report.asOf) })}</Typography.Text>
      )}
      <Table<HandlingReportRow>
        size="small"
        pagination={false}
        loading={report === null && !error}
        rowKey={(row) => row.key || 'total'}
        dataSource={rows}
        locale={{ emptyText: t('handling.empty') }}
        columns={[
          { title: by === 'person' ? t('handling.person') : t('handling.unit'), dataIndex: 'name' },
          ...handlingReportFigures.map((figure) => ({
            title: t(`handling.figure.${figure}`),
            dataIndex: figure,
            align: 'right' as const,
            render: figureCell(figure),
          })),
        ]}
      />
      {choice && <HandlingFigureList from={from} to={to} by={by} choice={choice} onClose={() => setChoice(null)} />}
    </Card>
  );
}
