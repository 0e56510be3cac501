// A register for a period as the Decree 30 book (PDF, to print and sign) or
// Excel, saved as a download: this month, this year, or the days the clerk
// types. The same form prints from the register and exports from the dashboard.
import { Button, Flex, Form, Segmented, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '../../../../shared/dates.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { formatDate, parseDateInput } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { downloadBase64 } from '../../components/files.ts';

export type ExportedRegister = 'incoming' | 'outgoing';
type Format = 'pdf' | 'xlsx';
type Period = 'month' | 'year' | 'custom';

/** The days a period covers, up to today: a register is never printed ahead of its entries. */
function periodRange(period: Exclude<Period, 'custom'>, today: string): { from: string; to: string } {
  return { from: period === 'month' ? `${today.slice(0, 7)}-01` : `${today.slice(0, 4)}-01-01`, to: today };
}

export function RegisterExportForm({ register: fixed }: { register?: ExportedRegister }) {
  const { t } = useTranslation('registers');
  const today = localDate(new Date());
  const [chosen, setChosen] = useState<ExportedRegister>('incoming');
  const register = fixed ?? chosen;
  const [period, setPeriod] = useState<Period>('month');
  const [fromText, setFromText] = useState(formatDate(periodRange('month', today).from));
  const [toText, setToText] = useState(formatDate(today));
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [saved, setSaved] = useState<{ filename: string; rows: number } | null>(null);

  const range =
    period === 'custom' ? { from: parseDateInput(fromText), to: parseDateInput(toText) } : periodRange(period, today);
  const ordered = range.from !== null && range.to !== null && range.from <= range.to;

  async function exportAs(format: Format) {
    if (!range.from || !range.to || !ordered) return;
    setBusy(format);
    setError(null);
    setSaved(null);
    try {
      const file = await call('registers.export', { register, from: range.from, to: range.to, format });
      downloadBase64(file.base64, file.filename, file.mime);
      setSaved({ filename: file.filename, rows: file.rows });
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Flex vertical gap={10} className="register-export">
      <Form layout="inline" size="small" onSubmitCapture={(event) => event.preventDefault()}>
        {!fixed && (
          <Form.Item label={t('export.register')}>
            <Select<ExportedRegister>
              data-testid="export-register"
              value={chosen}
              onChange={setChosen}
              style={{ width: 170 }}
              options={[
                { value: 'incoming', label: t('export.incoming') },
                { value: 'outgoing', label: t('export.outgoing') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item label={t('export.period')}>
          <Segmented<Period>
            data-testid="export-period"
            value={period}
            onChange={setPeriod}
            options={[
              { value: 'month', label: t('export.thisMonth') },
              { value: 'year', label: t('export.thisYear') },
              { value: 'custom', label: t('export.custom') },
            ]}
          />
        </Form.Item>
      </Form>
      {period === 'custom' && (
        <Form layout="inline" size="small" onSubmitCapture={(event) => event.preventDefault()}>
          <Form.Item
            label={t('export.from')}
            validateStatus={range.from === null ? 'error' : undefined}
            help={range.from === null ? t('export.badDate') : undefined}
          >
            <DateInput testId="export-from" value={fromText} onChange={setFromText} />
          </Form.Item>
          <Form.Item
            label={t('export.to')}
            validateStatus={range.to === null || (range.from !== null && !ordered) ? 'error' : undefined}
            help={
              range.to === null
                ? t('export.badDate')
                : range.from !== null && !ordered
                  ? t('export.badOrder')
                  : undefined
            }
          >
            <DateInput testId="export-to" value={toText} onChange={setToText} />
          </Form.Item>
        </Form>
      )}
      <Typography.Text type="secondary" data-testid="export-range">
        {ordered
          ? t(`export.range.${register}`, { from: formatDate(range.from), to: formatDate(range.to) })
          : t('export.badRange')}
      </Typography.Text>
      <Flex gap={8}>
        <Button
          data-testid="export-pdf"
          type="primary"
          size="small"
          disabled={!ordered || busy !== null}
          loading={busy === 'pdf'}
          onClick={() => void exportAs('pdf')}
        >
          {t('export.pdf')}
        </Button>
        <Button
          data-testid="export-xlsx"
          size="small"
          disabled={!ordered || busy !== null}
          loading={busy === 'xlsx'}
          onClick={() => void exportAs('xlsx')}
        >
          {t('export.xlsx')}
        </Button>
      </Flex>
      {saved && (
        <Typography.Text type="success" data-testid="export-done">
          {t('export.saved', { filename: saved.filename, count: saved.rows })}
        </Typography.Text>
      )}
      <ErrorNotice error={error} onClose={() => setError(null)} />
    </Flex>
  );
}
