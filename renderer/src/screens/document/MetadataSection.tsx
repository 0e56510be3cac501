// Everything the register records about the document, in the words of the
// register's columns.
import { Descriptions, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/api.ts';
import { formatDate, formatDateTime } from '../../components/dates.ts';
import { Section } from '../../components/Section.tsx';
import { OverdueTag, SecrecyTag, UrgencyTag } from '../../components/Tags.tsx';
import type documentText from '../../i18n/vi/document.json';

type MetaKey = keyof typeof documentText.meta;

export function MetadataSection({ document }: { document: DocumentView }) {
  const { t } = useTranslation(['document', 'common']);
  const incoming = document.direction === 'incoming';
  const rows: { key: MetaKey; value: ReactNode; show?: boolean }[] = [
    {
      key: 'registerNumber',
      value:
        document.registerNumber === null
          ? ''
          : t('meta.registerEntry', {
              number: document.registerNumber,
              year: document.registerYear,
              register: document.registerName ?? '',
            }),
      show: document.registerNumber !== null,
    },
    { key: 'notation', value: document.notation },
    { key: 'issuedOn', value: formatDate(document.issuedOn) },
    { key: 'type', value: document.typeName },
    {
      key: 'urgency',
      value: document.urgency === 'thuong' ? t('common:urgency.thuong') : <UrgencyTag urgency={document.urgency} />,
    },
    {
      key: 'secrecy',
      value: (
        <>{document.secrecy === 'thuong' ? t('common:secrecy.thuong') : <SecrecyTag secrecy={document.secrecy} />}</>
      ),
    },
    { key: 'pageCount', value: document.pageCount },
    { key: 'subject', value: document.subject },
    {
      key: 'issuerName',
      value: [document.issuerName, document.issuerCode && `(${document.issuerCode})`].filter(Boolean).join(' '),
      show: incoming,
    },
    { key: 'arrivedOn', value: formatDate(document.arrivedOn), show: incoming },
    { key: 'recipientUnit', value: document.recipientUnit, show: incoming },
    { key: 'handedOn', value: formatDate(document.handedOn), show: incoming },
    { key: 'handedReceipt', value: document.handedReceipt, show: incoming },
    { key: 'signer', value: [document.signerTitle, document.signerName].filter(Boolean).join(' '), show: !incoming },
    { key: 'draftingUnit', value: document.draftingUnit, show: !incoming },
    { key: 'copies', value: document.copies, show: !incoming },
    { key: 'archiveUnit', value: document.archiveUnit, show: !incoming },
    {
      key: 'dueOn',
      value: (
        <>
          {formatDate(document.dueOn)} {document.overdue && <OverdueTag />}
        </>
      ),
    },
    { key: 'completedOn', value: formatDate(document.completedOn) },
    { key: 'notes', value: document.notes },
    { key: 'createdAt', value: formatDateTime(document.createdAt) },
    { key: 'updatedAt', value: formatDateTime(document.updatedAt) },
  ];
  const items: DescriptionsProps['items'] = rows
    .filter((row) => row.show !== false)
    .map((row) => ({ key: row.key, label: t(`meta.${row.key}`), children: row.value ?? '' }));

  return (
    <Section title={t('sections.metadata')}>
      <Descriptions size="small" bordered column={1} items={items} className="meta-descriptions" />
    </Section>
  );
}
