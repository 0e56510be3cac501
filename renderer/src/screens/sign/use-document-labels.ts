// How the dialog names the documents it signs: số/ký hiệu, or the trích yếu of
// a draft that has no number yet. Read once when the dialog opens.
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';

export interface DocumentLabel {
  notation: string | null;
  subject: string;
}

const noLabels: Readonly<Record<string, DocumentLabel>> = {};

export function useDocumentLabels(ids: readonly string[]): Readonly<Record<string, DocumentLabel>> {
  const key = ids.join('\n');
  // The labels read so far and the ids they were read for: other ids start with none.
  const [read, setRead] = useState<{ key: string; labels: Record<string, DocumentLabel> }>({ key, labels: {} });
  useEffect(() => {
    let stopped = false;
    for (const id of key ? key.split('\n') : []) {
      // A label that cannot be read leaves the id showing; signing does not depend on it.
      call('documents.get', { id })
        .then((document) => {
          if (stopped) return;
          const label = { notation: document.notation, subject: document.subject };
          setRead((previous) => ({
            key,
            labels: { ...(previous.key === key ? previous.labels : {}), [id]: label },
          }));
        })
        .catch(() => undefined);
    }
    return () => {
      stopped = true;
    };
  }, [key]);
  return read.key === key ? read.labels : noLabels;
}

/** Số/ký hiệu, else dự thảo “<trích yếu>”, else the id while the label is being read. */
export function labelOf(id: string, label: DocumentLabel | undefined, t: TFunction<'sign'>): string {
  if (!label) return id;
  if (label.notation) return label.notation;
  const subject = label.subject.length > 70 ? `${label.subject.slice(0, 69)}…` : label.subject;
  return t('draftLabel', { subject });
}
