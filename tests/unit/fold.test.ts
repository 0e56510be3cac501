import { describe, expect, it } from 'vitest';
import { findDocumentType } from '../../shared/domain.ts';
import { foldedWords, foldVietnamese } from '../../shared/fold.ts';
import { searchPlan } from '../../core/documents/search.ts';
import { outgoingNotation } from '../../core/documents/notation.ts';

describe('Vietnamese folding', () => {
  it('drops every tone and vowel mark, including letters that carry two', () => {
    expect(foldVietnamese('Nguyễn Thị Hoà, Hòa, Ủy ban, phòng, chống dịch')).toBe(
      'nguyen thi hoa, hoa, uy ban, phong, chong dich',
    );
    expect(foldVietnamese('Ầ Ặ Ễ Ộ Ự Ỹ')).toBe('a a e o u y');
  });

  it('maps đ and Đ to d, which Unicode does not decompose, and their look-alikes from old encodings', () => {
    expect(foldVietnamese('Đảng ủy đất đai ĐỨC')).toBe('dang uy dat dai duc');
    expect(foldVietnamese('\u00D0ảng ủy \u00F0ất')).toBe('dang uy dat');
  });

  it('folds text stored decomposed (NFD) the same as composed text', () => {
    expect(foldVietnamese('Nguyễn'.normalize('NFD'))).toBe(foldVietnamese('Nguyễn'));
  });

  it('splits on punctuation', () => {
    expect(foldedWords('15/UBND-VP; Kế hoạch')).toEqual(['15', 'ubnd', 'vp', 'ke', 'hoach']);
  });
});

describe('search query', () => {
  it('requires every word, the trích yếu first, keeping the syllables to lift those side by side', () => {
    expect(searchPlan('phòng chống dịch')).toEqual({
      match: '"phong" "chong" "dich"',
      tiers: ['subject : ("phong" "chong" "dich")', '("phong" "chong" "dich") NOT subject : ("phong" "chong" "dich")'],
      adjacentWords: ['phong', 'chong', 'dich'],
    });
    expect(searchPlan('đất')?.adjacentWords).toBeNull();
  });

  it('takes the last word as the start of a word while typing, and waits for a second letter', () => {
    expect(searchPlan('sot xuat huy', true)?.match).toBe('"sot" "xuat" "huy"*');
    expect(searchPlan('dat d', true)?.match).toBe('"dat"');
    expect(searchPlan('d', true)).toBeNull();
    expect(searchPlan('15/UB', true)?.match).toBe('code : "15 ub"*');
  });

  it('looks a số/ký hiệu up as a phrase in the notation column', () => {
    expect(searchPlan('15/UBND-VP')).toEqual({
      match: 'code : "15 ubnd vp"',
      tiers: ['code : "15 ubnd vp"'],
      adjacentWords: null,
    });
    expect(searchPlan('245/UBND-NN dat dai')?.match).toBe('code : "245 ubnd nn" "dat" "dai"');
  });

  it('reads "V/v" as "về việc", not as a số/ký hiệu', () => {
    expect(searchPlan('V/v rà soát đất đai')?.match).toBe('"ra" "soat" "dat" "dai"');
  });

  it('cannot be broken by FTS syntax in what was typed', () => {
    expect(searchPlan('"dat" OR NEAR(a b) *')?.match).toBe('"dat" "or" "near" "a" "b"');
    expect(searchPlan('  ;; ')).toBeNull();
  });
});

describe('document types and notations (Decree 30, Appendices I and III)', () => {
  it('finds types by key or by the abbreviation as written', () => {
    expect(findDocumentType('qd')?.name).toBe('Quyết định');
    expect(findDocumentType('QĐ')?.name).toBe('Quyết định');
    expect(findDocumentType('HD')?.name).toBe('Hướng dẫn');
    expect(findDocumentType('HĐ')?.name).toBe('Hợp đồng');
    expect(findDocumentType('TTr')?.name).toBe('Tờ trình');
    expect(findDocumentType('nope')).toBeUndefined();
  });

  it('builds the notation with a leading zero below 10 and no spaces', () => {
    const qd = findDocumentType('QD')!;
    const cv = findDocumentType('CV')!;
    expect(outgoingNotation({ number: 5, type: qd, organisation: 'UBND', draftingUnit: 'VP' })).toBe('05/QĐ-UBND');
    expect(outgoingNotation({ number: 12, type: qd, organisation: 'UBND', draftingUnit: 'VP' })).toBe('12/QĐ-UBND');
    expect(outgoingNotation({ number: 15, type: cv, organisation: 'UBND', draftingUnit: 'VP' })).toBe('15/UBND-VP');
  });
});
