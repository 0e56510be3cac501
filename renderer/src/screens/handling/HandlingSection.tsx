// "Xử lý văn bản" on the document page: where the handling stands, the steps
// the official at the desk may take now (one button each, from core's
// `allowed`), decisions two desks made before they synced, and the timeline
// of what was done. Each step opens a small dialog; once core records it,
// the document is read again.
import { App, Button, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlingView } from '../../../../shared/handling.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Section } from '../../components/Section.tsx';
import { useDeskPerson } from '../../app/desk-person.tsx';
import { backwardActions, primaryAction, uiActions, type UiAction } from './actions.ts';
import { AssignDialog } from './AssignDialog.tsx';
import { CompleteDialog } from './CompleteDialog.tsx';
import { HandlingConflictAlert } from './HandlingConflictAlert.tsx';
import { ExtendDialog } from './ExtendDialog.tsx';
import { HandlingSummary } from './HandlingSummary.tsx';
import { HandlingTimeline } from './HandlingTimeline.tsx';
import { LeaderDialog } from './LeaderDialog.tsx';
import { NoteDialog } from './NoteDialog.tsx';
import { ReviseDialog } from './ReviseDialog.tsx';
import { useHandling, type HandledDocument } from './use-handling.ts';

export function HandlingSection({ document, onChanged }: { document: HandledDocument; onChanged: () => void }) {
  const { t } = useTranslation('handling');
  const { message } = App.useApp();
  const { handling, deskPersonId, error } = useHandling(document);
  const [open, setOpen] = useState<UiAction | null>(null);
  const desk = useDeskPerson();

  const actions = handling ? uiActions(handling, deskPersonId) : [];
  const primary = primaryAction(actions);
  const done = (action: UiAction) => {
    setOpen(null);
    message.success(t(`done.${action}`));
    // What waits on the official at the desk changed: the count in the navigation follows.
    desk.tasksChanged();
    onChanged();
  };

  return (
    <Section title={t('section')} className="handling-section">
      <div data-testid="handling-section" data-state={handling?.state ?? 'none'}>
        <ErrorNotice error={error} />
        {!handling && !error && <Spin size="small" />}
        {actions.length > 0 && (
          <div className="handling-actions" data-testid="handling-actions">
            {actions.map((action) => (
              <Button
                key={action}
                size="small"
                type={action === primary ? 'primary' : 'default'}
                danger={backwardActions.has(action)}
                data-testid={`handling-action-${action}`}
                onClick={() => setOpen(action)}
              >
                {t(`action.${action}`)}
              </Button>
            ))}
          </div>
        )}
        {handling && (
          <>
            {handling.conflict && <HandlingConflictAlert conflict={handling.conflict} />}
            {handling.events.length > 0 && <HandlingSummary handling={handling} />}
            <HandlingTimeline events={handling.events} />
          </>
        )}
      </div>
      {handling && open && (
        <ActionDialog
          action={open}
          handling={handling}
          documentId={document.id}
          onDone={() => done(open)}
          onClose={() => setOpen(null)}
        />
      )}
    </Section>
  );
}

function ActionDialog({
  action,
  handling,
  documentId,
  onDone,
  onClose,
}: {
  action: UiAction;
  handling: HandlingView;
  documentId: string;
  onDone: () => void;
  onClose: () => void;
}) {
  const props = { documentId, onDone, onClose };
  switch (action) {
    case 'submit':
    case 'draftSubmit':
      return <LeaderDialog action={action} {...props} />;
    case 'assign':
      return <AssignDialog handling={handling} {...props} />;
    case 'askExtension':
    case 'setExtension':
      return <ExtendDialog action={action} handling={handling} {...props} />;
    case 'complete':
      return <CompleteDialog {...props} />;
    case 'draftRevise':
      return <ReviseDialog {...props} />;
    case 'direct':
    case 'receive':
    case 'progress':
    case 'grantExtension':
    case 'refuseExtension':
    case 'return':
    case 'draftApprove':
    case 'draftReturn':
      return <NoteDialog action={action} handling={handling} {...props} />;
  }
}
