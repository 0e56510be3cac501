import type { AgencyView, Outputs, ValidInput } from '../../shared/api.ts';
import { foldedWords } from '../../shared/fold.ts';
import type { Core } from '../context.ts';
import { listAgencies, type AgencyRow } from '../db/agencies.ts';
import { issuerUses } from '../db/documents.ts';
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

type IssuerSuggestion = Outputs['issuers.suggest']['results'][number];

/**
 * Issuers for the incoming form's "cơ quan ban hành" as the clerk types: first
 * those already written in this office's incoming registers, most used first,
 * each once however it was spelt ("UBND huyện X" and "Ủy ban nhân dân huyện X"
 * are one, shown as most often written, with `uses` summed); then the
 * province's directory, alphabetical, with its code. Every word typed must
 * start a word of the name ("ubnd" also as "ủy ban nhân dân"), or the text
 * typed start the code.
 */
export function suggestIssuers(core: Core, input: ValidInput<'issuers.suggest'>): Outputs['issuers.suggest'] {
  const words = agencyNameWords(input.query);
  const typed = input.query.trim().toLowerCase();
  const matches = (name: string, code: string | null) => {
    if (typed !== '' && code?.toLowerCase().startsWith(typed)) return true;
    const nameWords = [...foldedWords(name), ...agencyNameWords(name)];
    return words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
  };
  const directory = otherAgencies(core);
  const directoryByKey = new Map<string, AgencyRow[]>();
  for (const agency of directory) {
    const key = nameKey(agency.name);
    directoryByKey.set(key, [...(directoryByKey.get(key) ?? []), agency]);
  }

  // One issuer per folded name: the spelling and the code written most often.
  const grouped = new Map<string, { spellings: Map<string, number>; codes: Map<string, number>; uses: number }>();
  for (const row of issuerUses(core.db)) {
    const key = nameKey(row.name);
    if (key === '') continue;
    const group = grouped.get(key) ?? { spellings: new Map(), codes: new Map(), uses: 0 };
    group.uses += row.uses;
    group.spellings.set(row.name, (group.spellings.get(row.name) ?? 0) + row.uses);
    if (row.code !== null) group.codes.set(row.code, (group.codes.get(row.code) ?? 0) + row.uses);
    grouped.set(key, group);
  }
  const fromRegister: (IssuerSuggestion & { key: string })[] = [...grouped].map(([key, group]) => {
    const listed = directoryByKey.get(key);
    return {
      key,
      name: mostUsed(group.spellings)!,
      // A code never written beside the name is the directory's, when one agency there has that name.
      code: mostUsed(group.codes) ?? (listed?.length === 1 ? listed[0]!.code : null),
      source: 'register',
      uses: group.uses,
    };
  });
  const results = fromRegister
    .filter((issuer) => matches(issuer.name, issuer.code))
    .sort((a, b) => b.uses - a.uses || byName.compare(a.name, b.name));
  const taken = new Set(results.flatMap((issuer) => [issuer.key, ...(issuer.code ? [issuer.code] : [])]));
  const fromDirectory = directory
    .filter((agency) => !taken.has(agency.code) && !taken.has(nameKey(agency.name)))
    .filter((agency) => matches(agency.name, agency.code))
    .sort((a, b) => byName.compare(a.name, b.name));
  return {
    results: [
      ...results.map(({ key: _key, ...issuer }) => issuer),
      ...fromDirectory.map((agency) => ({
        name: agency.name,
        code: agency.code,
        source: 'directory' as const,
        uses: 0,
      })),
    ].slice(0, input.limit),
  };
}

function mostUsed(counts: Map<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** The directory entry whose name is this one, letter for letter once folded ("UBND" read as "Ủy ban nhân dân"). */
export function findAgencyByName(core: Core, name: string): AgencyView | null {
  const key = nameKey(name);
  if (key === '') return null;
  const found = otherAgencies(core).filter((agency) => nameKey(agency.name) === key);
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

/** A name letter for letter once folded, abbreviations read out: what makes two spellings one agency. */
function nameKey(name: string): string {
  return agencyNameWords(name).join(' ');
}

function toAgencyView(agency: AgencyRow): AgencyView {
  return { code: agency.code, name: agency.name, parentCode: agency.parentCode, level: agency.level };
}
