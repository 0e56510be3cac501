// How a register writes an agency that a letter's header prints in capitals
// over one or two lines: "ỦY BAN NHÂN DÂN / XÃ ĐÔNG TIẾN" is entered as
// "UBND xã Đông Tiến", "TRUNG TÂM Y TẾ HUYỆN QUẢNG XƯƠNG" as "Trung tâm Y tế
// huyện Quảng Xương": the body's standard short form, the administrative level
// in lower case, the place's name in title case (Decree 30, Appendix II).
import { foldedWords, foldVietnamese } from '../../shared/fold.ts';

const SHORT_FORMS: [RegExp, string][] = [
  [/^(ủy|uỷ) ban nhân dân\b/iu, 'UBND'],
  [/^hội đồng nhân dân\b/iu, 'HĐND'],
  [/^ủy ban mặt trận tổ quốc việt nam\b/iu, 'Ủy ban MTTQ Việt Nam'],
];

// Administrative levels: what follows one is a place's name.
const LEVELS = ['thanh pho', 'thi tran', 'thi xa', 'tinh', 'huyen', 'xa', 'phuong', 'quan'];
// Words kept as written: abbreviations and short forms.
const KEEP = new Set(['ubnd', 'hdnd', 'mttq', 'tp', 'tw', 'vt', 'cand', 'qdnd']);
// Fields whose names registers capitalise inside an agency's name.
const PROPER = [
  'Y tế',
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
  'Việt Nam',
];

/** Words that begin an agency's name on a header line; any other line continues the name above it. */
const INSTITUTIONS = [
  'uy ban',
  'ubnd',
  'hdnd',
  'hoi dong',
  'so',
  'phong',
  'trung tam',
  'bo',
  'cuc',
  'chi cuc',
  'tong cuc',
  'van phong',
  'cong an',
  'dang uy',
  'dang bo',
  'chi bo',
  'ban',
  'truong',
  'benh vien',
  'tram',
  'doan',
  'hoi',
  'mat tran',
  'tinh uy',
  'huyen uy',
  'thanh uy',
  'thi uy',
  'chi nhanh',
  'cong ty',
  'ngan hang',
  'kho bac',
  'bao hiem',
  'toa an',
  'vien',
  'bo chi huy',
  'hop tac xa',
  'thanh tra',
  'lien doan',
  'chinh phu',
  'quoc hoi',
  'thu tuong',
];

const startsWithWords = (words: string[], phrase: string): boolean => {
  const wanted = phrase.split(' ');
  return wanted.every((word, index) => words[index] === word);
};

/** Whether a header line begins a new agency's name rather than continuing the one above. */
export function beginsAgency(line: string): boolean {
  const words = foldedWords(line);
  return INSTITUTIONS.some((phrase) => startsWithWords(words, phrase));
}

/** The header's lines of one agency as a register writes the agency. */
export function registerAgencyName(lines: readonly string[]): string {
  // Stray marks at either end (a scan's border read as "|", a speck read as ".") are not part of a name.
  let name = lines
    .join(' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/^[\s|.,;:_-]+|[\s|.,;:_-]+$/gu, '');
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

/** "XÃ ĐÔNG TIẾN" → "xã Đông Tiến"; "TRUNG TÂM Y TẾ HUYỆN X" → "Trung tâm Y tế huyện X". */
function sentenceCase(text: string, afterShortForm: boolean): string {
  const words = text.split(' ');
  const folded = words.map((word) => foldVietnamese(word).replace(/[^a-z0-9]/g, ''));
  const out: string[] = [];
  let inPlace = false;
  for (let index = 0; index < words.length;) {
    const level = LEVELS.find((phrase) => phrase.split(' ').every((part, k) => folded[index + k] === part));
    if (level) {
      const length = level.split(' ').length;
      out.push(...words.slice(index, index + length).map((word) => word.toLocaleLowerCase('vi')));
      index += length;
      inPlace = true;
      continue;
    }
    const proper = !inPlace && properAt(folded, index);
    if (proper) {
      out.push(proper.text);
      index += proper.length;
      continue;
    }
    const word = words[index]!;
    if (KEEP.has(folded[index]!)) out.push(word);
    else if (inPlace) out.push(titleCase(word));
    else if (out.length === 0 && !afterShortForm) out.push(titleCase(word));
    else out.push(word.toLocaleLowerCase('vi'));
    index++;
  }
  return out.join(' ');
}

/** A field's name starting at `index` (punctuation-only words such as "-" skipped), and how many words it takes. */
function properAt(folded: string[], index: number): { text: string; length: number } | null {
  for (const phrase of PROPER) {
    const parts = foldedWords(phrase);
    let at = index;
    let matched = 0;
    while (matched < parts.length && at < folded.length) {
      if (folded[at] === '') {
        at++;
        continue;
      }
      if (folded[at] !== parts[matched]) break;
      matched++;
      at++;
    }
    if (matched === parts.length) return { text: phrase, length: at - index };
  }
  return null;
}

function titleCase(word: string): string {
  const lower = word.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}
