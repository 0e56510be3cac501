// Whether a page's text layer can be believed. A PDF whose fonts lack a
// ToUnicode map still "has text": control characters, private-use code points
// or letters that spell nothing. So does a letter typed in the old TCVN3 or
// VNI fonts, whose accented vowels come out as Latin-1 letters no Vietnamese
// word has ("Céng hoµ", "Coäng hoøa"). Such a page is read like a scan.
import { foldVietnamese } from '../../shared/fold.ts';

// Control characters (bar tab and line breaks), private use, unassigned code points, U+FFFD.
const JUNK = /[\p{Cc}\p{Co}\p{Cn}\uFFFD]/gu;
const LINE_BREAKS = /[\t\n\r]/g;
const LETTER = /\p{L}/gu;
/** Latin letters of the Vietnamese alphabet, with every vowel and tone mark Vietnamese writes. */
const VIETNAMESE_LETTER =
  /[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * A Vietnamese syllable once its marks are folded away: an optional onset, a
 * vowel nucleus, an optional coda. Garbage from unmapped glyphs rarely spells
 * one; real prose is mostly made of them.
 */
const SYLLABLE =
  /^(ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdghklmnprstvx])?(uye|uya|ieu|yeu|uoi|uou|oai|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|ya|a|e|i|o|u|y)(ch|ng|nh|[cmnpt])?$/;

/** Of the words that could be syllables (abbreviations such as UBND or KH aside), this share must be. */
const MIN_SYLLABLE_SHARE = 0.5;
const MAX_JUNK_SHARE = 0.05;
/** What OCR must find before its text counts as the page's: it reads a word or two out of any seal. */
export const MIN_OCR_WORDS = 3;

/** `minWords`: how many Vietnamese words it takes; one is enough in a text layer ("Số: 3/UBND-VP"). */
export function isUsableText(text: string, minWords = 1): boolean {
  const letters = text.match(LETTER) ?? [];
  const foreign = letters.filter((letter) => LATIN.test(letter) && !VIETNAMESE_LETTER.test(letter)).length;
  const junk = (text.replace(LINE_BREAKS, ' ').match(JUNK) ?? []).length + foreign;
  if (letters.length === 0 || junk / (letters.length + junk - foreign) > MAX_JUNK_SHARE) return false;
  const words = text
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => foldVietnamese(word))
    .filter((word) => /^[a-z]+$/.test(word) && /[aeiouy]/.test(word));
  const syllables = words.filter((word) => word.length > 1 && SYLLABLE.test(word)).length;
  return syllables >= minWords && syllables >= MIN_SYLLABLE_SHARE * words.length;
}
