import type { AgencyView, Outputs, ValidInput } from '../../shared/api.ts';
import { foldedWords } from '../../shared/fold.ts';
import type { Core } from '../context.ts';
import { listAgencies, type AgencyRow } from '../db/agencies.ts';
import { getOffice } from '../db/office.ts';

const MAX_AGENCIES = 200;

const byName = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * The agencies a document can come from or go to, for a pick list: every
 * word typed (without diacritics, đ as d; "ubnd" as "ủy ban nhân dân") must
 * start a word of the name or appear in the code. The office itself is left out.
 */
export function listDirectory(core: Core, input: ValidInput<'agencies.list'>): Outputs['agencies.list'] {
  const words = agencyNameWords(input.query);
  const matches = otherAgencies(core).filter((agency) => {
    const nameWords = [...foldedWords(agency.name), ...agencyNameWords(agency.name)];
    const code = agency.code.toLowerCase();
    return words.every((word) => code.includes(word) || nameWords.some((nameWord) => nameWord.startsWith(word)));
  });
  return {
    agencies: matches
      .sort((a, b) => byName.compare(a.name, b.name))
      .slice(0, MAX_AGENCIES)
      .map(toAgencyView),
  };
}

/** The directory entry whose name is this one, letter for letter once folded ("UBND" read as "Ủy ban nhân dân"). */
export function findAgencyByName(core: Core, name: string): AgencyView | null {
  const key = agencyNameWords(name).join(' ');
  if (key === '') return null;
  const found = otherAgencies(core).filter((agency) => agencyNameWords(agency.name).join(' ') === key);
  // Two agencies with one name (a commune name reused across provinces): the code cannot be guessed.
  return found.length === 1 ? toAgencyView(found[0]!) : null;
}

function otherAgencies(core: Core): AgencyRow[] {
  return listAgencies(core.db, getOffice(core.db)?.agencyCode ?? null);
}

// The abbreviations every header and directory uses interchangeably with the full words.
const abbreviations: Record<string, string[]> = {
  ubnd: ['uy', 'ban', 'nhan', 'dan'],
  hdnd: ['hoi', 'dong', 'nhan', 'dan'],
};

function agencyNameWords(name: string): string[] {
  return foldedWords(name).flatMap((word) => abbreviations[word] ?? [word]);
}

function toAgencyView(agency: AgencyRow): AgencyView {
  return { code: agency.code, name: agency.name, parentCode: agency.parentCode, level: agency.level };
}
