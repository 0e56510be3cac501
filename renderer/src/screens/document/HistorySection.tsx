// Lịch sử: every recorded action on the document, from the audit log, newest
// first: when, what (a correction with its old and new values and its
// reason), and who.
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { formatDateTime } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Section } from '../../components/Section.tsx';
import { actionLabel, historyActor, historyDetail } from './history-text.ts';

export function HistorySection({
  documentId,
  revision,
}: {
  documentId: string;
  /** Changes each time the document is loaded again after a change. */ revision: number;
}) {
  const { t } = useTranslation(['document', 'common']);
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('documents.history', { id: documentId })
      .then((history) => {
        if (!cancelled) setEntries(history.entries);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(asCoreError(failure));
      });
    return () => {
      cancelled = true;
    };
  }, [documentId, revision]);

  return (
    <Section title={t('sections.history')}>
      <ErrorNotice error={error} />
      {!entries && !error && <Spin size="small" />}
      <ol className="history-list">
        {[...(entries ?? [])].reverse().map((entry) => {
          const [summary, ...more] = historyDetail(t, entry);
          const actor = historyActor(t, entry);
          return (
            <li key={entry.seq} className="history-item" data-testid="history-item" data-action={entry.action}>
              <span className="history-time">{formatDateTime(entry.at)}</span>
              <span className="history-action">
                {actionLabel(t, entry.action)}
                {summary && <span className="muted"> — {summary}</span>}
                {more.map((line) => (
                  <span key={line} className="history-line muted">
                    {line}
                  </span>
                ))}
              </span>
              <span className="history-actor" title={t('history.actor.account', { account: actor.account })}>
                {actor.name}
              </span>
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
