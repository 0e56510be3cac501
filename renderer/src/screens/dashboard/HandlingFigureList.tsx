// The documents behind one figure of the handling report, each opening its
// page: what "each figure opening the list behind it" means on the dashboard.
import { Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../../../shared/api.ts';
import { dayMonthYear } from '../../../../shared/dates.ts';
import type { HandlingReportFigure } from '../../../../shared/handling-report.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { routeHash } from '../../app/router.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

export interface FigureChoice {
  key: string;
  name: string;
  figure: HandlingReportFigure;
}

interface Props {
  from: string;
  to: string;
  by: 'person' | 'unit';
  choice: FigureChoice;
  onClose: () => void;
}

export function HandlingFigureList({ from, to, by, choice, onClose }: Props) {
  const { t } = useTranslation('dashboard');
  const [documents, setDocuments] = useState<Outputs['report.handlingList']['documents'] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  useEffect(() => {
    let stopped = false;
    call('report.handlingList', { from, to, by, key: choice.key, figure: choice.figure })
      .then((answer) => {
        if (!stopped) setDocuments(answer.documents);
      })
      .catch((caught: unknown) => {
        if (!stopped) setError(asCoreError(caught));
      });
    return () => {
      stopped = true;
    };
  }, [from, to, by, choice]);
  return (
    <Modal
      open
      footer={null}
      onCancel={onClose}
      title={t('handling.listTitle', { figure: t(`handling.figure.${choice.figure}`), name: choice.name })}
      width={760}
    >
      {error && <ErrorNotice error={error} />}
      {documents === null && !error ? (
        <Spin />
      ) : (
        <ul className="figure-list" data-testid="handling-figure-list">
          {documents?.length === 0 && <Typography.Text type="secondary">{t('handling.listEmpty')}</Typography.Text>}
          {documents?.map((document) => (
            <li key={document.id}>
              <a href={routeHash({ name: 'document', id: document.id })} onClick={onClose}>
                {document.registerNumber === null
                  ? ''
                  : `${t('handling.registerNumber', { n: document.registerNumber })} · `}
                {document.notation ?? ''} {document.subject}
              </a>{' '}
              <Typography.Text type="secondary">
                {document.mainHandler.name}
                {document.dueOn ? ` · ${t('handling.due', { date: dayMonthYear(document.dueOn) })}` : ''}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
