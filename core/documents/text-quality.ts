// Whether a page's text layer can be believed. A PDF whose fonts lack a
// ToUnicode map still "has text": control characters, private-use code points
// or letters that spell nothing. Such a page is read like a scan.
import { foldedWords } from '../../shared/fold.ts';

// Control characters (bar tab and line breaks), private use, unassigned code points, U+FFFD.
const JUNK = /[\p{Cc}\p{Co}\p{Cn}\uFFFD]/gu;
const LETTER = /\p{L}/gu;
const LINE_BREAKS = /[\t\n\r]/g;

/**
 * A Vietnamese syllable once its marks are folded away (Decree-30 letters are
 * Vietnamese): an optional onset, a vowel nucleus, an optional coda. Garbage
 * from unmapped glyphs rarely spells one; real prose is mostly made of them.
 */
const SYLLABLE =
  /^(ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdghklmnprstvx])?(uye|uya|ieu|yeu|uoi|uou|oai|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|ya|a|e|i|o|u|y)(ch|ng|nh|[cmnpt])?$/;

/** This share of the words must be Vietnamese for the text to count. */
const MIN_SYLLABLE_SHARE = 0.3;
/** What OCR must find before its text counts as the page's. */
export const MIN_OCR_WORDS = 3;
const MAX_JUNK_SHARE = 0.05;

/**
 * `minWords`: how many Vietnamese words it takes. One is enough in a text layer (a cover page
 * saying "Số: 3/UBND-VP"); OCR reads a word or two out of any signature or seal, so it needs more.
 */
export function isUsableText(text: string, minWords = 1): boolean {
  const junk = (text.replace(LINE_BREAKS, ' ').match(JUNK) ?? []).length;
  const letters = (text.match(LETTER) ?? []).length;
  if (letters === 0 || junk / (letters + junk) > MAX_JUNK_SHARE) return false;
  const words = foldedWords(text).filter((word) => /^[a-z]+$/.test(word));
  // A one-letter "syllable" is as likely a stray glyph as a word.
  const syllables = words.filter((word) => word.length > 1 && SYLLABLE.test(word)).length;
  return syllables >= minWords && syllables >= MIN_SYLLABLE_SHARE * words.length;
}
