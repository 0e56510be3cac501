// A register for a date range as PDF (to print and sign) or Excel, with the
// Decree 30 columns, saved as a download.
import { Button, Flex, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDate } from '../../../../shared/dates.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { formatDate, parseDateInput } from '../../components/dates.ts';
import { downloadBase64 } from '../../components/files.ts';

type Register = 'incoming' | 'outgoing';
type Format = 'pdf' | 'xlsx';

export function RegisterExport() {
  const { t } = useTranslation('dashboard');
  const today = localDate(new Date());
  const [register, setRegister] = useState<Register>('incoming');
  const [fromText, setFromText] = useState(formatDate(`${today.slice(0, 7)}-01`));
  const [toText, setToText] = useState(formatDate(today));
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [saved, setSaved] = useState<{ filename: string; rows: number } | null>(null);

  const from = parseDateInput(fromText);
  const to = parseDateInput(toText);
  const ordered = from !== null && to !== null && from <= to;

  async function exportAs(format: Format) {
    if (!from || !to || !ordered) return;
    setBusy(format);
    setError(null);
    setSaved(null);
    try {
      const file = await call('registers.export', { register, from, to, format });
      downloadBase64(file.base64, file.filename, file.mime);
      setSaved({ filename: file.filename, rows: file.rows });
    } catch (caught) {
      setError(asCoreError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Flex vertical gap={8}>
      <Form layout="inline" size="small" onSubmitCapture={(event) => event.preventDefault()}>
        <Form.Item label={t('export.register')}>
          <Select<Register>
            data-testid="export-register"
            value={register}
            onChange={setRegister}
            style={{ width: 170 }}
            options={[
              { value: 'incoming', label: t('export.incoming') },
              { value: 'outgoing', label: t('export.outgoing') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('export.from')}
          validateStatus={from === null ? 'error' : undefined}
          help={from === null ? t('export.badDate') : undefined}
        >
          <DateInput testId="export-from" value={fromText} onChange={setFromText} />
        </Form.Item>
        <Form.Item
          label={t('export.to')}
          validateStatus={to === null || (from !== null && !ordered) ? 'error' : undefined}
          help={to === null ? t('export.badDate') : from !== null && !ordered ? t('export.badOrder') : undefined}
        >
          <DateInput testId="export-to" value={toText} onChange={setToText} />
        </Form.Item>
        <Form.Item>
          <Flex gap={8}>
            <Button
              data-testid="export-pdf"
              type="primary"
              disabled={!ordered || busy !== null}
              loading={busy === 'pdf'}
              onClick={() => void exportAs('pdf')}
            >
              {t('export.pdf')}
            </Button>
            <Button
              data-testid="export-xlsx"
              disabled={!ordered || busy !== null}
              loading={busy === 'xlsx'}
              onClick={() => void exportAs('xlsx')}
            >
              {t('export.xlsx')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      {saved && (
        <Typography.Text type="success" data-testid="export-done">
          {t('export.saved', { filename: saved.filename, count: saved.rows })}
        </Typography.Text>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </Flex>
  );
}
