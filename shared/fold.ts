// Vietnamese text folding for search: "Đảng ủy" and "dang uy" must meet.
// NFD splits the tone and vowel marks off their letters so they can be dropped,
// but đ/Đ (U+0111/U+0110) have no decomposition, so they are mapped by hand;
// so are ð/Ð (U+00F0/U+00D0), which text converted from TCVN3 or VNI often
// carries in their place.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const D_STROKE = /[đĐðÐ]/g;

export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(D_STROKE, 'd').toLowerCase();
}

/** Words of folded text, split on anything that is not a letter or a digit. */
export function foldedWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}
