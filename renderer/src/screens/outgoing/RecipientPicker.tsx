// Nơi nhận: agencies from the directory the hub keeps (searched as you type,
// without diacritics), plus any name typed for a recipient outside it.
import { Select, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerInput, RecipientView } from '../../../../shared/api.ts';
import { foldVietnamese } from '../../../../shared/fold.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

type Recipient = HandlerInput<'outgoing.draft'>['recipients'] extends (infer R)[] | undefined ? R : never;

/** A picked recipient as the select holds it: the value says which kind it is. */
export interface PickedRecipient {
  value: string;
  label: string;
}

interface RecipientOption {
  value: string;
  label: string;
  'data-testid': 'recipient-option';
}

const AGENCY = 'agency:';
const NAME = 'name:';
const SEARCH_DELAY_MS = 200;

export function toRecipients(picked: readonly PickedRecipient[]): Recipient[] {
  return picked.map((item) =>
    item.value.startsWith(AGENCY)
      ? { agencyCode: item.value.slice(AGENCY.length) }
      : { name: item.value.slice(NAME.length) },
  );
}

/** A document's nơi nhận as the picker holds them (to correct them). */
export function fromRecipients(recipients: readonly RecipientView[]): PickedRecipient[] {
  return recipients.map((recipient) =>
    recipient.agencyCode
      ? {
          value: `${AGENCY}${recipient.agencyCode}`,
          label: recipient.name ? `${recipient.name} (${recipient.agencyCode})` : recipient.agencyCode,
        }
      : { value: `${NAME}${recipient.name ?? ''}`, label: recipient.name ?? '' },
  );
}

export function RecipientPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: PickedRecipient[];
  onChange?: (value: PickedRecipient[]) => void;
}) {
  const { t } = useTranslation('outgoing');
  const [search, setSearch] = useState('');
  const [agencies, setAgencies] = useState<RecipientOption[]>([]);
  // The search the directory last answered (or failed to): loading until it is the one typed.
  const [answered, setAnswered] = useState<string | null>(null);
  const loading = answered !== search;
  const [error, setError] = useState<CoreError | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      call('agencies.list', { query: search.trim() })
        .then((found) => {
          if (ticket !== latest.current) return;
          setAgencies(
            found.agencies.map((agency) => ({
              value: `${AGENCY}${agency.code}`,
              label: `${agency.name} (${agency.code})`,
              'data-testid': 'recipient-option',
            })),
          );
          setError(null);
        })
        .catch((failure: unknown) => {
          if (ticket === latest.current) setError(asCoreError(failure));
        })
        .finally(() => {
          if (ticket === latest.current) setAnswered(search);
        });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  // A typed name that is not exactly a directory entry can be added as it is, after the directory's matches.
  const options = useMemo<RecipientOption[]>(() => {
    const typed = search.trim();
    const folded = foldVietnamese(typed);
    const inDirectory = agencies.some((option) => foldVietnamese(option.label).startsWith(`${folded} (`));
    if (!typed || inDirectory) return agencies;
    return [
      ...agencies,
      {
        value: `${NAME}${typed.normalize('NFC')}`,
        label: t('recipients.outside', { name: typed }),
        'data-testid': 'recipient-option',
      },
    ];
  }, [agencies, search, t]);

  const showSearch = useMemo(
    () => ({ filterOption: false as const, onSearch: setSearch, searchValue: search, autoClearSearchValue: true }),
    [search],
  );

  return (
    <>
      <Select<PickedRecipient[], RecipientOption>
        id={id}
        data-testid="recipient-picker"
        mode="multiple"
        labelInValue
        value={value}
        onChange={(picked) => {
          // An outside name shows as the name itself once picked, not as the "add …" prompt.
          onChange?.(
            picked.map((item) =>
              item.value.startsWith(NAME) ? { value: item.value, label: item.value.slice(NAME.length) } : item,
            ),
          );
          setSearch('');
        }}
        options={options}
        showSearch={showSearch}
        placeholder={t('recipients.placeholder')}
        notFoundContent={loading ? <Spin size="small" /> : t('recipients.none')}
        maxTagTextLength={48}
      />
      <ErrorNotice error={error} />
    </>
  );
}
