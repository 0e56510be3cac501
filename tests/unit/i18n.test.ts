// The UI's words in both languages: every Vietnamese text has its English
// one under the same key with the same {{placeholders}}, and every error code
// core can answer has an English message (the English UI would otherwise show
// core's Vietnamese). Keys used in code are checked by the renderer's
// typecheck (renderer/src/i18n/i18next.d.ts); this keeps the two files in step.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages, type ErrorCode } from '../../shared/errors.ts';

const I18N = path.resolve(import.meta.dirname, '../../renderer/src/i18n');

interface Messages {
  [key: string]: string | Messages;
}

function namespaces(language: string): Map<string, Messages> {
  const dir = path.join(I18N, language);
  return new Map(
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.replace(/\.json$/, ''),
        JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Messages,
      ]),
  );
}

/** Every text with its dotted key: "columns.notation" → "Số, ký hiệu". */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') flat.set(`${prefix}${key}`, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) flat.set(inner, text);
  }
  return flat;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('the UI in Vietnamese and English', () => {
  const vi = namespaces('vi');
  const en = namespaces('en');

  it('has the same namespaces in both languages', () => {
    expect([...en.keys()].sort()).toEqual([...vi.keys()].sort());
  });

  for (const [namespace, viMessages] of vi) {
    it(`has every key of ${namespace} in both languages, with the same placeholders`, () => {
      const viTexts = flatten(viMessages);
      const enTexts = flatten(en.get(namespace) ?? {});
      expect([...enTexts.keys()].sort()).toEqual([...viTexts.keys()].sort());
      for (const [key, text] of viTexts) {
        expect(enTexts.get(key)?.trim(), `${namespace}:${key} is empty in English`).toBeTruthy();
        expect(placeholders(enTexts.get(key) ?? ''), `${namespace}:${key}`).toEqual(placeholders(text));
      }
    });
  }

  it('has an English message for every error code core can answer, and none for a code that is gone', () => {
    const english = JSON.parse(fs.readFileSync(path.join(I18N, 'errors', 'en.json'), 'utf8')) as Record<string, string>;
    const codes = Object.keys(errorMessages) as ErrorCode[];
    expect(codes.filter((code) => !english[code]?.trim())).toEqual([]);
    expect(Object.keys(english).filter((code) => !(code in errorMessages))).toEqual([]);
  });
});
