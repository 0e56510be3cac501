// A batch refused because one letter leaves no room for the signature: a
// place picked on the page would go on every letter of the batch, so the
// clerk is told which letter it is and to sign that one alone, from its page.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoreError } from '../../api/client.ts';
import { routeHash } from '../../app/router.ts';
import type { Outcomes } from './sign-outcomes.ts';
import { labelOf, type DocumentLabel } from './use-document-labels.ts';

interface Props {
  error: CoreError;
  ids: readonly string[];
  outcomes: Outcomes;
  labels: Readonly<Record<string, DocumentLabel>>;
  /** Opening the letter closes the dialog. */
  onOpen: () => void;
}

export function NoRoomInBatch({ error, ids, outcomes, labels, onOpen }: Props) {
  const { t } = useTranslation('sign');
  const id = documentWithoutRoom(error, ids, outcomes);
  return (
    <Alert
      type="info"
      showIcon
      data-testid="no-room-batch"
      data-id={id ?? undefined}
      title={id ? t('noRoom.batch', { label: labelOf(id, labels[id], t) }) : t('noRoom.batchUnknown')}
      description={
        id && (
          <a href={routeHash({ name: 'document', id })} onClick={onOpen}>
            {t('noRoom.open', { label: labelOf(id, labels[id], t) })}
          </a>
        )
      }
    />
  );
}

/**
 * Which letter has no room: the one the batch stopped at, or else the one the
 * refusal names. Core refuses before the PIN with a detail that starts with the
 * letter's id: "<id> (27/KH-UBND): 3.2 mm …".
 */
function documentWithoutRoom(error: CoreError, ids: readonly string[], outcomes: Outcomes): string | null {
  const stopped = ids.find((id) => {
    const outcome = outcomes[id];
    return outcome?.state === 'failed' && outcome.error.code === 'SIGN_NO_ROOM';
  });
  if (stopped) return stopped;
  const named = error.value.detail?.split(' ')[0];
  return ids.find((id) => id === named) ?? null;
}
