// Tác giả (cơ quan ban hành), suggested as the clerk types (without
// diacritics too): the issuers already in the register first, by how often,
// then the province's directory, each with its mã định danh when it has one.
// Picking one hands its code to the form, which keeps it with the name.
import { AutoComplete, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../../shared/api.ts';
import { call } from '../api/client.ts';

export type IssuerSuggestion = Outputs['issuers.suggest']['results'][number];

const SUGGEST_DELAY_MS = 150;
const LIMIT = 10;

interface IssuerInputProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** An issuer picked from the list, with its code if the register or the directory knows one. */
  onPick: (issuer: IssuerSuggestion) => void;
  testId?: string;
  autoFocus?: boolean;
}

export function IssuerInput({ id, value, onChange, onPick, testId, autoFocus }: IssuerInputProps) {
  const { t } = useTranslation('common');
  const [suggestions, setSuggestions] = useState<IssuerSuggestion[]>([]);
  // Asked when the list is to open: on focus (the register's usual issuers) and as the text changes.
  const [asked, setAsked] = useState<string | null>(null);

  useEffect(() => {
    if (asked === null) return;
    let stopped = false;
    const timer = window.setTimeout(() => {
      call('issuers.suggest', { query: asked.trim(), limit: LIMIT })
        .then((answer) => {
          if (!stopped) setSuggestions(answer.results);
        })
        // No suggestions is no loss: the clerk types the name as before.
        .catch(() => undefined);
    }, SUGGEST_DELAY_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [asked]);

  return (
    <AutoComplete
      value={value}
      onChange={(text: string) => {
        onChange?.(text);
        setAsked(text);
      }}
      onFocus={() => setAsked(value ?? '')}
      onSelect={(_name: string, option: { issuer: IssuerSuggestion }) => onPick(option.issuer)}
      options={suggestions.map((issuer) => ({
        key: `${issuer.source}:${issuer.code ?? ''}:${issuer.name}`,
        value: issuer.name,
        issuer,
        label: (
          <div className="issuer-option" data-testid="issuer-option" data-code={issuer.code ?? ''}>
            <span className="issuer-option-name">{issuer.name}</span>
            <span className="issuer-option-meta">
              {issuer.code && <span className="issuer-option-code">{issuer.code}</span>}
              <span>
                {issuer.source === 'register'
                  ? t('issuer.fromRegister', { count: issuer.uses })
                  : t('issuer.fromDirectory')}
              </span>
            </span>
          </div>
        ),
      }))}
      popupMatchSelectWidth={false}
    >
      <Input id={id} data-testid={testId} autoComplete="off" autoFocus={autoFocus} />
    </AutoComplete>
  );
}
