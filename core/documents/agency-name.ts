// How a register writes an agency that a letter's header prints in capitals
// over one or two lines: "ỦY BAN NHÂN DÂN / XÃ ĐÔNG TIẾN" is entered as
// "UBND xã Đông Tiến", "TRUNG TÂM Y TẾ HUYỆN QUẢNG XƯƠNG" as "Trung tâm Y tế
// huyện Quảng Xương": the body's standard short form, the administrative level
// in lower case, the place's name in title case (Decree 30, Appendix II).
import { foldVietnamese } from '../../shared/fold.ts';

const SHORT_FORMS: [RegExp, string][] = [
  [/^(ủy|uỷ) ban nhân dân\b/iu, 'UBND'],
  [/^hội đồng nhân dân\b/iu, 'HĐND'],
  [/^ủy ban mặt trận tổ quốc việt nam\b/iu, 'Ủy ban MTTQ Việt Nam'],
];

// Administrative levels: what follows one is a place's name. Compared with their marks: "Tĩnh"
// in Hà Tĩnh is not "tỉnh", nor "Quan" in Quan Hóa "quận".
const LEVELS = ['thành phố', 'thị trấn', 'thị xã', 'tỉnh', 'huyện', 'xã', 'phường', 'quận'];
// Words kept as written: short forms with a vowel (those without one, THCS, MTTQ, are kept anyway).
const KEEP = new Set(['ubnd', 'cand', 'qđnd', 'tw']);
// Fields whose names registers capitalise inside an agency's name, the longer before the shorter.
const PROPER = [
  'Tài chính - Kế hoạch',
  'Tài nguyên và Môi trường',
  'Giáo dục và Đào tạo',
  'Lao động - Thương binh và Xã hội',
  'Nông nghiệp và Phát triển nông thôn',
  'Kế hoạch và Đầu tư',
  'Văn hóa, Thể thao và Du lịch',
  'Văn hóa và Thông tin',
  'Khoa học và Công nghệ',
  'Thông tin và Truyền thông',
  'Giao thông vận tải',
  'Công Thương',
  'Tài chính',
  'Tư pháp',
  'Nội vụ',
  'Xây dựng',
  'Kinh tế',
  'Quân sự',
  'Y tế',
  'Việt Nam',
];

/** Words that begin an agency's name on a header line; any other line continues the name above it. */
const INSTITUTIONS = [
  'ủy ban',
  'ubnd',
  'hđnd',
  'hội đồng',
  'sở',
  'phòng',
  'trung tâm',
  'bộ',
  'cục',
  'chi cục',
  'tổng cục',
  'văn phòng',
  'công an',
  'đảng ủy',
  'đảng bộ',
  'chi bộ',
  'ban',
  'trường',
  'bệnh viện',
  'trạm',
  'đoàn',
  'hội',
  'mặt trận',
  'tỉnh ủy',
  'huyện ủy',
  'thành ủy',
  'thị ủy',
  'chi nhánh',
  'công ty',
  'ngân hàng',
  'kho bạc',
  'bảo hiểm',
  'tòa án',
  'viện',
  'bộ chỉ huy',
  'hợp tác xã',
  'thanh tra',
  'liên đoàn',
  'chính phủ',
  'quốc hội',
  'thủ tướng',
];

// The old tone placement ("hoà", "uỷ") and the new ("hòa", "ủy") are one word: both sides of a
// comparison take the tone off the o or u and put it on the following vowel's place.
const OLD_TONE = /o([àáảãạ])|u([ỳýỷỹỵ])/gu;
const NEW_TONE: Record<string, string> = {
  à: 'òa',
  á: 'óa',
  ả: 'ỏa',
  ã: 'õa',
  ạ: 'ọa',
  ỳ: 'ùy',
  ý: 'úy',
  ỷ: 'ủy',
  ỹ: 'ũy',
  ỵ: 'ụy',
};

/** A word as compared: lower case, composed, tone on the new place, punctuation off. */
function comparable(word: string): string {
  return word
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(OLD_TONE, (_match, afterO?: string, afterU?: string) => NEW_TONE[(afterO ?? afterU)!]!);
}

const phraseWords = (phrase: string): string[] => phrase.split(/\s+/).map(comparable).filter(Boolean);

/** How many of `words` from `index` the phrase covers (words of punctuation alone skipped), or 0. */
function matchAt(words: readonly string[], index: number, phrase: string): number {
  const parts = phraseWords(phrase);
  let at = index;
  let matched = 0;
  while (matched < parts.length && at < words.length) {
    if (words[at] === '') {
      at++;
      continue;
    }
    if (words[at] !== parts[matched]) return 0;
    matched++;
    at++;
  }
  return matched === parts.length ? at - index : 0;
}

/** Whether a header line begins a new agency's name rather than continuing the one above. */
export function beginsAgency(line: string): boolean {
  const words = line.trim().split(/\s+/).map(comparable).filter(Boolean);
  return INSTITUTIONS.some((phrase) => matchAt(words, 0, phrase) > 0);
}

/** The header's lines of one agency as a register writes the agency. */
export function registerAgencyName(lines: readonly string[]): string {
  // Stray marks at a line's ends (a scan's border read as "|", a speck read as ".") are not part of a name.
  let name = lines
    .map((line) => line.normalize('NFC').replace(/^[\s|.,;:_-]+|[\s|.,;:_-]+$/gu, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  let prefix = '';
  for (const [pattern, short] of SHORT_FORMS) {
    const match = pattern.exec(name);
    if (match) {
      prefix = short;
      name = name.slice(match[0].length).trim();
      break;
    }
  }
  const written = isCapitals(name) ? sentenceCase(name, prefix !== '') : name;
  return [prefix, written].filter(Boolean).join(' ');
}

function isCapitals(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi');
}

const hasVowel = (word: string) => /[aeiouy]/.test(foldVietnamese(word));

/** "XÃ ĐÔNG TIẾN" → "xã Đông Tiến"; "TRUNG TÂM Y TẾ HUYỆN X" → "Trung tâm Y tế huyện X". */
function sentenceCase(text: string, afterShortForm: boolean): string {
  const words = text.split(' ');
  const compared = words.map(comparable);
  const out: string[] = [];
  let inPlace = false;
  for (let index = 0; index < words.length;) {
    const proper = inPlace
      ? null
      : PROPER.map((phrase) => ({ phrase, length: matchAt(compared, index, phrase) })).find(
          (found) => found.length > 0,
        );
    if (proper) {
      out.push(proper.phrase);
      index += proper.length;
      continue;
    }
    const level = LEVELS.map((phrase) => matchAt(compared, index, phrase)).find((length) => length > 0);
    if (level) {
      out.push(...words.slice(index, index + level).map((word) => word.toLocaleLowerCase('vi')));
      index += level;
      inPlace = true;
      continue;
    }
    const word = words[index]!;
    if (KEEP.has(compared[index]!) || !hasVowel(word)) out.push(word);
    else if (inPlace) out.push(titleCase(word));
    else if (out.length === 0 && !afterShortForm) out.push(titleCase(word));
    else out.push(word.toLocaleLowerCase('vi'));
    index++;
  }
  return out.join(' ');
}

function titleCase(word: string): string {
  const lower = word.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}
