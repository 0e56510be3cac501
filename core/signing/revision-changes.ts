// Whether an incremental update only added a signature. A later signature
// covers everything before it, but the update it came with may also have
// changed what the earlier signer signed (new page content, a stamp), and
// only the later signer vouches for that. So an update counts as "only a
// signature" when every object of the earlier revision that it rewrites
// changed only as adding a signature needs: the catalog gains /AcroForm or
// /DSS, pages gain signature widgets in /Annots, the form gains signature
// fields, arrays of those grow at the end. Document metadata (/Info and the
// XMP stream) may change too: no viewer shows it as the page. Objects are
// found through the cross-reference, as a viewer finds them (pdf-revision.ts).
//
// The other update a signature may be followed by is the number of a draft
// written into its blanks when it is issued (number-fill.ts): an update that
// changes nothing but the /Annots of page 1, adding FreeText annotations that
// draw one run of text each (filled-text.ts), over no other annotation.
// Whether that text is a number or a date sitting in the blanks of the Số and
// date lines is for the caller to check against the page's text.
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { readFilledText, type Rect } from './filled-text.ts';
import type { DrawnText } from './number-fill.ts';
import { PdfFile, type PdfRevision } from './pdf-revision.ts';

export type UpdateCheck = { ok: true } | { ok: false; why: string };
export type FilledTextCheck = { ok: true; drawn: DrawnText[] } | { ok: false; why: string };

/** What an update may change, besides document information: a signature's rules or a number fill's. */
interface Rules {
  catalog(was: PDFObject, is: PDFObject, old: PdfRevision, next: PdfRevision): string | null;
  form(was: PDFObject, is: PDFObject | undefined, old: PdfRevision, next: PdfRevision): string | null;
  formResources(number: number, was: PDFObject, is: PDFObject, old: PdfRevision, next: PdfRevision): string | null;
  page(number: number, was: PDFDict, is: PDFObject, old: PdfRevision, next: PdfRevision): string | null;
  /** An /Annots or /Fields array kept as its own object. */
  array(number: number, was: PDFArray, is: PDFObject, next: PdfRevision): string | null;
}

const signatureRules: Rules = {
  catalog: catalogChange,
  form: formChange,
  formResources: (number, was, is, old, next) =>
    onlyAdds(was, is, old, next)
      ? null
      : `the update changes existing entries of the form's resources (object ${number})`,
  page: (number, was, is, old, next) => pageChange(number, was, is, old, next, signatureWidget),
  array: (_number, was, is, next) => appendedOnly(was, is, next, signatureField),
};

const name = (key: string) => PDFName.of(key);
// /Metadata (XMP) is document information, as /Info is; /DSS holds validation data (PAdES B-LT).
const CATALOG_MAY_CHANGE = ['AcroForm', 'DSS', 'Metadata'];
const FORM_MAY_CHANGE = ['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances'];
// Field type is inherited from the parent field (§12.7.3.1); real trees are two or three deep.
const MAX_FIELD_DEPTH = 8;
// A page tree is as deep as its writer made it; a few levels even for thousands of pages.
const MAX_TREE_DEPTH = 32;

/**
 * `before` is the file up to the end of the earlier revision, `after` up to
 * the end of the update; `before` must be its prefix.
 */
export function signatureOnlyUpdate(before: Uint8Array, after: Uint8Array): UpdateCheck {
  if (!isPrefix(before, after)) return { ok: false, why: 'the update rewrites earlier bytes' };
  try {
    const file = new PdfFile(after);
    const why = firstForbiddenChange(file.revision(before.length), file.revision(after.length), signatureRules);
    return why === null ? { ok: true } : { ok: false, why };
  } catch (error) {
    // An update a viewer might read differently from us is not one we can vouch for.
    return { ok: false, why: `unreadable update: ${(error as Error).message}` };
  }
}

/**
 * Whether an update only adds text annotations to page 1, each drawing one run of text over
 * no other annotation; then what each draws and where. Same prefix rule as `signatureOnlyUpdate`.
 */
export function filledTextOnlyUpdate(before: Uint8Array, after: Uint8Array): FilledTextCheck {
  if (!isPrefix(before, after)) return { ok: false, why: 'the update rewrites earlier bytes' };
  try {
    const file = new PdfFile(after);
    const old = file.revision(before.length);
    const next = file.revision(after.length);
    const firstPage = firstPageOf(old);
    if (!firstPage) return { ok: false, why: 'the document has no first page' };
    const drawn: (DrawnText & { rect: Rect })[] = [];
    const accept = (entry: PDFObject, revision: PdfRevision): string | null => {
      const read = readFilledText(entry, firstPage.number, revision);
      if (!read.ok) return read.why;
      drawn.push(read.drawn);
      return null;
    };
    const rules: Rules = {
      catalog: () => 'the update changes the document catalog',
      form: () => 'the update changes the form',
      formResources: (number) => `the update changes the form's resources (object ${number})`,
      page: (number, was, is, revision, nextRevision) =>
        number === firstPage.number
          ? pageChange(number, was, is, revision, nextRevision, accept)
          : `the update changes page object ${number}`,
      array: (number, was, is, nextRevision) =>
        number === firstPage.annots
          ? appendedOnly(was, is, nextRevision, accept)
          : `the update changes object ${number} (an array)`,
    };
    const why = firstForbiddenChange(old, next, rules);
    if (why !== null) return { ok: false, why };
    if (drawn.length === 0) return { ok: false, why: 'the update adds no text' };
    // Text over text (or over a signature's appearance) can make one digit read as another.
    const earlier = firstPage.annotationRects;
    for (const [index, text] of drawn.entries()) {
      if ([...earlier, ...drawn.slice(0, index).map((other) => other.rect)].some((rect) => overlaps(rect, text.rect)))
        return { ok: false, why: `the update draws "${text.text}" over another annotation` };
    }
    return { ok: true, drawn: drawn.map(({ rect: _rect, ...text }) => text) };
  } catch (error) {
    return { ok: false, why: `unreadable update: ${(error as Error).message}` };
  }
}

/** The first page of the revision's page tree, its /Annots array when kept as an object, and its annotations' rectangles. */
function firstPageOf(old: PdfRevision): { number: number; annots: number | null; annotationRects: Rect[] } | null {
  const catalog = old.resolve(old.trailer.get(name('Root')));
  let node: PDFObject | undefined = catalog instanceof PDFDict ? catalog.get(name('Pages')) : undefined;
  for (let depth = 0; depth < MAX_TREE_DEPTH; depth++) {
    const resolved = old.resolve(node);
    if (!(node instanceof PDFRef) || !(resolved instanceof PDFDict)) return null;
    if (resolved.get(name('Type')) === name('Page')) {
      const annots = resolved.get(name('Annots'));
      const entries = old.resolve(annots);
      const rects = (entries instanceof PDFArray ? entries.asArray() : []).flatMap((entry) => {
        const annotation = old.resolve(entry);
        const rect = annotation instanceof PDFDict ? old.resolve(annotation.get(name('Rect'))) : undefined;
        const values = rect instanceof PDFArray ? rect.asArray().map((value) => old.resolve(value)) : [];
        const numbers = values.flatMap((value) => (value instanceof PDFNumber ? [value.asNumber()] : []));
        if (values.length !== 4 || numbers.length !== 4) return [];
        const [a, b, c, d] = numbers as [number, number, number, number];
        return [{ x1: Math.min(a, c), y1: Math.min(b, d), x2: Math.max(a, c), y2: Math.max(b, d) }];
      });
      return { number: node.objectNumber, annots: refNumber(annots), annotationRects: rects };
    }
    const kids = old.resolve(resolved.get(name('Kids')));
    node = kids instanceof PDFArray ? kids.get(0) : undefined;
  }
  return null;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

function firstForbiddenChange(old: PdfRevision, next: PdfRevision, rules: Rules): string | null {
  const root = old.trailer.get(name('Root'));
  if (!(root instanceof PDFRef) || canonical(root) !== canonical(next.trailer.get(name('Root'))))
    return 'the update replaces the document catalog';
  if (canonical(old.trailer.get(name('Encrypt'))) !== canonical(next.trailer.get(name('Encrypt'))))
    return 'the update changes the encryption';
  const { entries, sectionOffsets } = next.entriesSince(old);
  const hidden = hiddenObject(next, old.end, sectionOffsets);
  if (hidden !== null) return `the update defines object ${hidden} where its cross-reference does not point`;
  const roles = rolesOf(old, root);
  for (const number of entries.keys()) {
    const was = old.object(number);
    // A new object matters only where a permitted change refers to it, and is judged there.
    if (!was) continue;
    const is = next.object(number);
    if (!is) return `the update deletes object ${number}`;
    if (is.generation !== was.generation) return `the update replaces object ${number} with another generation`;
    if (canonical(was.object) === canonical(is.object)) continue;
    const why = judgeChange(number, was.object, is.object, roles, old, next, rules);
    if (why !== null) return why;
  }
  return null;
}

/**
 * An object the update writes whose last definition is not the one the
 * cross-reference points at. Viewers that rebuild a damaged cross-reference
 * scan the file and take the last definition of each object, so they could
 * show such an object while it is invisible here.
 */
function hiddenObject(next: PdfRevision, from: number, sectionOffsets: number[]): number | null {
  const last = new Map<number, { generation: number; offset: number }>();
  for (const header of next.file.objectHeaders(from, next.end)) {
    // A cross-reference stream is an object too, read by its offset, not its number.
    if (!sectionOffsets.includes(header.offset)) last.set(header.number, header);
  }
  for (const [number, header] of last) {
    const entry = next.entry(number);
    const pointedAt =
      entry?.kind === 'direct' &&
      entry.generation === header.generation &&
      next.file.blankBetween(entry.offset, header.offset);
    if (!pointedAt) return number;
  }
  return null;
}

interface Roles {
  root: number;
  info: number | null;
  metadata: number | null;
  form: number | null;
  /** The form's resources (/DR) and the dictionaries in it, when kept as objects of their own. */
  formResources: number[];
}

function rolesOf(old: PdfRevision, root: PDFRef): Roles {
  const catalog = old.resolve(root);
  const form = catalog instanceof PDFDict ? catalog.get(name('AcroForm')) : undefined;
  const resolvedForm = old.resolve(form);
  const resources = resolvedForm instanceof PDFDict ? resolvedForm.get(name('DR')) : undefined;
  const resolvedResources = old.resolve(resources);
  const inner =
    resolvedResources instanceof PDFDict ? resolvedResources.entries().map(([, value]) => refNumber(value)) : [];
  return {
    root: root.objectNumber,
    info: refNumber(old.trailer.get(name('Info'))),
    metadata: catalog instanceof PDFDict ? refNumber(catalog.get(name('Metadata'))) : null,
    form: refNumber(form),
    formResources: [refNumber(resources), ...inner].filter((number): number is number => number !== null),
  };
}

// Each role is also checked by what the object is: a document made to be signed could use
// one object twice (its /Info dictionary as a page's resources, say), and the looser rule
// of one role must not open the other.
function judgeChange(
  number: number,
  was: PDFObject,
  is: PDFObject,
  roles: Roles,
  old: PdfRevision,
  next: PdfRevision,
  rules: Rules,
): string | null {
  if (number === roles.root) return rules.catalog(was, is, old, next);
  if (was instanceof PDFDict && was.get(name('Type')) === name('Page')) return rules.page(number, was, is, old, next);
  if (number === roles.form) return rules.form(was, is, old, next);
  if (roles.formResources.includes(number)) return rules.formResources(number, was, is, old, next);
  if (number === roles.info && isInformation(was) && isInformation(is)) return null;
  if (number === roles.metadata && isXmp(was) && isXmp(is)) return null;
  if (was instanceof PDFArray) return rules.array(number, was, is, next);
  return `the update changes object ${number} (${describe(was)})`;
}

/** A document information dictionary (§14.3.3): text and dates, plus the /Trapped name. */
function isInformation(value: PDFObject): boolean {
  return (
    value instanceof PDFDict &&
    value
      .values()
      .every((entry) => entry instanceof PDFString || entry instanceof PDFHexString || entry instanceof PDFName)
  );
}

/** A metadata stream (§14.3.2), which nothing draws. */
function isXmp(value: PDFObject): boolean {
  return (
    value instanceof PDFRawStream &&
    value.dict.get(name('Type')) === name('Metadata') &&
    value.dict.get(name('Subtype')) === name('XML')
  );
}

function catalogChange(was: PDFObject, is: PDFObject, old: PdfRevision, next: PdfRevision): string | null {
  if (!(was instanceof PDFDict) || !(is instanceof PDFDict)) return 'the update changes the document catalog';
  const key = changedKey(was, is, CATALOG_MAY_CHANGE);
  if (key) return `the update changes /${key} of the document catalog`;
  const form = name('AcroForm');
  // The same reference on both sides: the form object, if rewritten, is judged as itself.
  if (canonical(was.get(form)) === canonical(is.get(form))) return null;
  return formChange(
    old.resolve(was.get(form)) ?? PDFDict.withContext(was.context),
    next.resolve(is.get(form)),
    old,
    next,
  );
}

function formChange(was: PDFObject, is: PDFObject | undefined, old: PdfRevision, next: PdfRevision): string | null {
  if (!(was instanceof PDFDict) || !(is instanceof PDFDict)) return 'the update replaces the form';
  const key = changedKey(was, is, FORM_MAY_CHANGE);
  if (key) return `the update changes /${key} of the form`;
  // Resources and default appearance shape how viewers redraw existing fields: new names only.
  for (const key of ['DR', 'DA']) {
    if (!onlyAdds(was.get(name(key)), is.get(name(key)), old, next))
      return `the update changes existing entries of the form's /${key}`;
  }
  // Asking viewers to redraw every field would show field values in place of the signed appearances.
  if (
    next.resolve(is.get(name('NeedAppearances'))) === PDFBool.True &&
    old.resolve(was.get(name('NeedAppearances'))) !== PDFBool.True
  ) {
    return 'the update asks viewers to redraw every form field';
  }
  const fields = name('Fields');
  if (canonical(was.get(fields)) === canonical(is.get(fields))) return null;
  return appendedOnly(old.resolve(was.get(fields)), next.resolve(is.get(fields)), next, signatureField);
}

function pageChange(
  number: number,
  was: PDFDict,
  is: PDFObject,
  old: PdfRevision,
  next: PdfRevision,
  accept: (entry: PDFObject, next: PdfRevision) => string | null,
): string | null {
  if (!(is instanceof PDFDict)) return `the update replaces page object ${number}`;
  const key = changedKey(was, is, ['Annots']);
  if (key) return `the update changes /${key} of page object ${number}`;
  const annots = name('Annots');
  if (canonical(was.get(annots)) === canonical(is.get(annots))) return null;
  return appendedOnly(old.resolve(was.get(annots)), next.resolve(is.get(annots)), next, accept);
}

/** The array may only have grown at its end, by entries `accept` finds no fault with. */
function appendedOnly(
  was: PDFObject | undefined,
  is: PDFObject | undefined,
  next: PdfRevision,
  accept: (entry: PDFObject, next: PdfRevision) => string | null,
): string | null {
  const before = was === undefined ? [] : was instanceof PDFArray ? was.asArray() : null;
  const after = is instanceof PDFArray ? is.asArray() : null;
  if (
    !before ||
    !after ||
    after.length < before.length ||
    before.some((entry, at) => canonical(entry) !== canonical(after[at]))
  ) {
    return 'the update removes or reorders annotations or form fields';
  }
  for (const entry of after.slice(before.length)) {
    const why = accept(entry, next);
    if (why !== null) return why;
  }
  return null;
}

function signatureWidget(entry: PDFObject, next: PdfRevision): string | null {
  const annotation = next.resolve(entry);
  if (!(annotation instanceof PDFDict)) return 'the update adds an annotation that is not a dictionary';
  const subtype = annotation.get(name('Subtype'));
  if (subtype !== name('Widget'))
    return `the update adds a ${subtype instanceof PDFName ? subtype.decodeText() : 'untyped'} annotation`;
  return signatureFieldProblem(annotation, next);
}

function signatureField(entry: PDFObject, next: PdfRevision): string | null {
  const field = next.resolve(entry);
  if (!(field instanceof PDFDict)) return 'the update adds a form field that is not a dictionary';
  // A field may be its own widget; any other annotation kind has no place here.
  const subtype = field.get(name('Subtype'));
  if (subtype !== undefined && subtype !== name('Widget'))
    return `the update adds a ${describe(field)} annotation as a form field`;
  return signatureFieldProblem(field, next);
}

function signatureFieldProblem(field: PDFDict, next: PdfRevision): string | null {
  let node: PDFObject | undefined = field;
  for (let depth = 0; node instanceof PDFDict && depth < MAX_FIELD_DEPTH; depth++) {
    // Actions (JavaScript on page open, say) can change what the page shows.
    if (node.has(name('A')) || node.has(name('AA'))) return 'the update adds a signature field that runs actions';
    const type = node.get(name('FT'));
    if (type !== undefined) return type === name('Sig') ? null : `the update adds a ${describe(type)} form field`;
    node = next.resolve(node.get(name('Parent')));
  }
  return 'the update adds a form field without a field type';
}

/** Every key but `allowed` has the same value on both sides; returns the first that differs. */
function changedKey(was: PDFDict, is: PDFDict, allowed: string[]): string | null {
  const keys = new Set([...was.keys(), ...is.keys()].map((key) => key.decodeText()));
  for (const key of keys) {
    if (!allowed.includes(key) && canonical(was.get(name(key))) !== canonical(is.get(name(key)))) return key;
  }
  return null;
}

/** Whether `is` keeps every entry `was` had, at any depth of dictionaries, possibly adding others. */
function onlyAdds(
  was: PDFObject | undefined,
  is: PDFObject | undefined,
  old: PdfRevision,
  next: PdfRevision,
  depth = 0,
): boolean {
  if (was === undefined || canonical(was) === canonical(is)) return true;
  const before = old.resolve(was);
  const after = next.resolve(is);
  if (!(before instanceof PDFDict) || !(after instanceof PDFDict) || depth >= MAX_FIELD_DEPTH) return false;
  return before.keys().every((key) => onlyAdds(before.get(key), after.get(key), old, next, depth + 1));
}

/**
 * A value as text that two equal values share however they were written:
 * keys sorted, strings by their bytes (literal or hex), streams by a hash of
 * their raw data. References stay references: what they point at is judged
 * as an object of its own.
 */
function canonical(value: PDFObject | undefined): string {
  if (value === undefined) return '';
  if (value instanceof PDFDict) {
    const entries = value.entries().map(([key, entry]) => `${key.toString()} ${canonical(entry)}`);
    return `<<${entries.sort().join(' ')}>>`;
  }
  if (value instanceof PDFArray) return `[${value.asArray().map(canonical).join(' ')}]`;
  if (value instanceof PDFRawStream)
    return `${canonical(value.dict)}stream ${createHash('sha256').update(value.contents).digest('hex')}`;
  if (value instanceof PDFString || value instanceof PDFHexString)
    return `<${Buffer.from(value.asBytes()).toString('hex')}>`;
  return value.toString();
}

function describe(value: PDFObject): string {
  const dict = value instanceof PDFRawStream ? value.dict : value;
  const type = dict instanceof PDFDict ? (dict.get(name('Subtype')) ?? dict.get(name('Type'))) : value;
  if (type instanceof PDFName) return type.decodeText();
  return value instanceof PDFRawStream
    ? 'a stream'
    : value instanceof PDFDict
      ? 'a dictionary'
      : value instanceof PDFArray
        ? 'an array'
        : value.toString();
}

function refNumber(value: PDFObject | undefined): number | null {
  return value instanceof PDFRef ? value.objectNumber : null;
}

function isPrefix(before: Uint8Array, after: Uint8Array): boolean {
  if (before.length > after.length) return false;
  if (before.buffer === after.buffer && before.byteOffset === after.byteOffset) return true;
  return Buffer.from(before.buffer, before.byteOffset, before.length).equals(
    Buffer.from(after.buffer, after.byteOffset, before.length),
  );
}
