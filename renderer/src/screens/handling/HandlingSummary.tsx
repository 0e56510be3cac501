// Where the document's handling stands, in words: its state, who handles it
// (chính, phối hợp, để biết), whom it waits on, the deadline with "sắp đến
// hạn" or "quá hạn", an extension asked, and when it was completed.
import { Descriptions, Tag, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandlingState, HandlingView, PersonRefView } from '../../../../shared/handling.ts';
import { routeHash } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';
import { personLabel } from './person-label.ts';

const stateColors: Record<HandlingState, string> = {
  registered: 'default',
  submitted: 'gold',
  directed: 'blue',
  assigned: 'blue',
  received: 'processing',
  'in-progress': 'processing',
  returned: 'orange',
  completed: 'green',
  drafting: 'default',
  'draft-submitted': 'gold',
  'draft-returned': 'orange',
  approved: 'green',
};

export function HandlingStateTag({ state }: { state: HandlingState }) {
  const { t } = useTranslation('handling');
  return (
    <Tag color={stateColors[state]} data-testid="handling-state" data-state={state}>
      {t(`state.${state}`)}
    </Tag>
  );
}

type Item = NonNullable<DescriptionsProps['items']>[number];

const names = (people: PersonRefView[]) => people.map(personLabel).join('; ');

export function HandlingSummary({ handling }: { handling: HandlingView }) {
  const { t } = useTranslation('handling');
  const asked = handling.extensionAsked;
  const items: (Item | null)[] = [
    { key: 'state', label: t('fields.state'), children: <HandlingStateTag state={handling.state} /> },
    handling.mainHandler
      ? {
          key: 'main',
          label: t('fields.mainHandler'),
          children: <span data-testid="handling-main-handler">{personLabel(handling.mainHandler)}</span>,
        }
      : null,
    handling.with.length > 0
      ? {
          key: 'with',
          label: t('fields.with'),
          children: <span data-testid="handling-with-list">{names(handling.with)}</span>,
        }
      : null,
    handling.inform.length > 0
      ? {
          key: 'inform',
          label: t('fields.inform'),
          children: <span data-testid="handling-inform-list">{names(handling.inform)}</span>,
        }
      : null,
    handling.waitingOn
      ? {
          key: 'waitingOn',
          label: t('fields.waitingOn'),
          children: <span data-testid="handling-waiting-on">{personLabel(handling.waitingOn)}</span>,
        }
      : null,
    handling.dueOn
      ? {
          key: 'dueOn',
          label: t('fields.dueOn'),
          children: (
            <span data-testid="handling-due" data-due={handling.dueOn}>
              {formatDate(handling.dueOn)}{' '}
              {handling.overdue && (
                <Tag color="error" data-testid="handling-overdue">
                  {t('overdue')}
                </Tag>
              )}
              {handling.dueSoon && !handling.overdue && (
                <Tag color="warning" data-testid="handling-due-soon">
                  {t('dueSoon')}
                </Tag>
              )}
            </span>
          ),
        }
      : null,
    asked
      ? {
          key: 'extensionAsked',
          label: t('fields.extensionAsked'),
          children: (
            <span data-testid="handling-extension-asked" data-due={asked.dueOn}>
              {t('extensionAskedText', { name: asked.by.name, dueOn: formatDate(asked.dueOn) })}
              {asked.reason && (
                <span className="history-line muted">{t('extensionReason', { reason: asked.reason })}</span>
              )}
            </span>
          ),
        }
      : null,
    handling.completedOn
      ? {
          key: 'completedOn',
          label: t('fields.completedOn'),
          children: (
            <span data-testid="handling-completed-on">
              {formatDate(handling.completedOn)}{' '}
              {handling.completedLate !== null && (
                <Tag color={handling.completedLate ? 'error' : 'success'}>
                  {t(handling.completedLate ? 'completedLate' : 'completedOnTime')}
                </Tag>
              )}
            </span>
          ),
        }
      : null,
    handling.replyDraftId
      ? {
          key: 'replyDraft',
          label: t('fields.replyDraft'),
          children: (
            <a data-testid="handling-reply-link" href={routeHash({ name: 'document', id: handling.replyDraftId })}>
              {t('openReplyDraft')}
            </a>
          ),
        }
      : null,
  ];
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={items.filter((item): item is Item => item !== null)}
      className="meta-descriptions"
    />
  );
}
