import { describe, expect, it } from 'vitest';
import { readingText, readPage, type PageReading, type TextPiece } from '../../core/documents/page-reading.ts';

const A4 = { width: 595, height: 842 };

/** A piece set in a Times-like face: about half an em a letter; combining marks take no room. */
function piece(text: string, x: number, y: number, size = 13, width?: number): TextPiece {
  const letters = [...text].filter((char) => !/\p{M}/u.test(char)).length;
  return { text, x, y, size, width: width ?? letters * 0.5 * size };
}

const right = (p: TextPiece) => p.x + p.width;

function read(pieces: TextPiece[], options?: Parameters<typeof readPage>[2]): string[] {
  return readPage(pieces, A4, options).lines.map((line) => line.text);
}

function wordBoxes(reading: PageReading, line = 0) {
  return reading.lines[line]!.words.map((word) => ({
    text: word.text,
    x: Math.round(word.x * 100) / 100,
    width: Math.round(word.width * 100) / 100,
  }));
}

describe('a letter Chromium or cairo printed, read back from its text layer', () => {
  it('reads "Lê Văn Đức" from the three pieces Chromium draws it in', () => {
    // "ứ" is not in the first font, so the run breaks at it and again after it.
    const pieces = [piece('Lê Văn Đ', 100, 700), piece('ứ', 152, 700), piece('c', 158.5, 700)];
    const reading = readPage(pieces, A4);
    expect(readingText(reading)).toBe('Lê Văn Đức');
    expect(wordBoxes(reading)).toEqual([
      { text: 'Lê', x: 100, width: 13 },
      { text: 'Văn', x: 119.5, width: 19.5 },
      { text: 'Đức', x: 145.5, width: 19.5 },
    ]);
    const line = reading.lines[0]!;
    expect({ x: line.x, y: line.y, width: line.width, size: line.size }).toEqual({
      x: 100,
      y: 700,
      width: 65,
      size: 13,
    });
  });

  it('still reads one word when the fallback glyph overlaps its neighbours by a fraction of a point', () => {
    const pieces = [piece('Lê Văn Đ', 100, 700), piece('ứ', 151.6, 700), piece('c', 158, 700)];
    const reading = readPage(pieces, A4);
    expect(readingText(reading)).toBe('Lê Văn Đức');
    expect(wordBoxes(reading).at(-1)).toEqual({ text: 'Đức', x: 145.5, width: 19 });
  });

  it('reads the pieces the same whatever order the PDF draws them in', () => {
    const pieces = [piece('c', 158.5, 700), piece('Lê Văn Đ', 100, 700), piece('ứ', 152, 700)];
    expect(read(pieces)).toEqual(['Lê Văn Đức']);
  });

  it('keeps letters spaced out by tracking in one word, below a sixth of an em', () => {
    // A bold title set with a little letter spacing: gaps of 0.1 em between the runs.
    const first = piece('ĐỘC L', 250, 760);
    const mark = piece('Ậ', right(first) + 1.3, 760);
    const last = piece('P', right(mark) + 1.3, 760);
    expect(read([first, mark, last])).toEqual(['ĐỘC LẬP']);
  });

  it('puts one space where the gap is about a space wide', () => {
    const label = piece('Số:', 85, 720);
    const notation = piece('3/UBND-VP', right(label) + 0.25 * 13, 720);
    const reading = readPage([label, notation], A4);
    expect(readingText(reading)).toBe('Số: 3/UBND-VP');
    expect(reading.lines[0]!.words.map((word) => word.text)).toEqual(['Số:', '3/UBND-VP']);
  });

  it('puts a space at a gap of exactly 0.15 em', () => {
    const name = piece('Nguyễn', 85, 650);
    const surname = piece('Văn', right(name) + 0.15 * 13, 650);
    expect(read([name, surname])).toEqual(['Nguyễn Văn']);
  });

  it('does not add a second space after a piece that already ends in one', () => {
    const greeting = piece('Kính gửi: ', 85, 600);
    const touching = piece('Ủy ban nhân dân xã Đông Tiến', right(greeting), 600);
    expect(read([greeting, touching])).toEqual(['Kính gửi: Ủy ban nhân dân xã Đông Tiến']);

    const apart = piece('Ủy ban nhân dân xã Đông Tiến', right(greeting) + 3.5, 600);
    const reading = readPage([greeting, apart], A4);
    expect(readingText(reading)).toBe('Kính gửi: Ủy ban nhân dân xã Đông Tiến');
    expect(reading.lines[0]!.words[2]).toMatchObject({ text: 'Ủy', x: right(greeting) + 3.5 });
  });

  it('does not add a second space before a piece that starts with one', () => {
    const date = piece('ngày 5 tháng 3', 300, 740);
    const year = piece(' năm 2024', right(date) + 3.25, 740);
    expect(read([date, year])).toEqual(['ngày 5 tháng 3 năm 2024']);
  });

  it('starts a new line at each baseline and reads the lines top to bottom, left to right', () => {
    const first = piece('Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;', 85, 700);
    const second = piece('Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;', 85, 681);
    const thirdLeft = piece('Ủy ban nhân dân xã', 85, 662);
    // Rounding in the producer puts the rest of the line 0.4 pt off the baseline.
    const thirdRight = piece('Đông Tiến báo cáo như sau:', right(thirdLeft) + 3.25, 662.4);
    const reading = readPage([thirdRight, second, thirdLeft, first], A4);
    expect(readingText(reading)).toBe(
      [
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;',
        'Ủy ban nhân dân xã Đông Tiến báo cáo như sau:',
      ].join('\n'),
    );
    expect(reading.lines.map((line) => line.y)).toEqual([700, 681, 662]);
    expect({ width: reading.width, height: reading.height }).toEqual(A4);
  });

  it('reads nothing from an empty page', () => {
    const reading = readPage([], A4);
    expect(reading.lines).toEqual([]);
    expect(readingText(reading)).toBe('');
  });
});

describe('the Decree 30 header: agency on the left, Quốc hiệu on the right', () => {
  // The left column's first line ends 6 pt (under half an em) before the Quốc hiệu starts.
  const header = [
    piece('UBND HUYỆN QUẢNG XƯƠNG', 70, 800, 13, 180),
    piece('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 256, 800, 13, 285),
    piece('TRUNG TÂM Y TẾ', 110, 785, 13, 105),
    piece('Độc lập - Tự do - Hạnh phúc', 320, 785, 13, 158),
    piece('Số: 15/TTYT-KHNV', 105, 760, 13, 100),
    piece('Quảng Xương, ngày 5 tháng 3 năm 2024', 300, 760, 13, 220),
  ];

  it('keeps the two columns apart although their first lines come within 6 pt', () => {
    const reading = readPage(header, A4);
    expect(readingText(reading)).toBe(
      [
        'UBND HUYỆN QUẢNG XƯƠNG',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'TRUNG TÂM Y TẾ',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 15/TTYT-KHNV',
        'Quảng Xương, ngày 5 tháng 3 năm 2024',
      ].join('\n'),
    );
    expect(reading.lines.slice(0, 2).map((line) => ({ x: line.x, width: line.width }))).toEqual([
      { x: 70, width: 180 },
      { x: 256, width: 285 },
    ]);
  });

  it('keeps the columns apart when the agency is split into pieces at each font switch', () => {
    const split = [
      piece('UBND HUY', 70, 800, 13, 65),
      piece('Ệ', 135, 800, 13, 9),
      piece('N QU', 144, 800, 13, 30),
      piece('Ả', 174, 800, 13, 9),
      piece('NG XƯƠNG', 183, 800, 13, 67),
      ...header.slice(1),
    ];
    expect(read(split).slice(0, 2)).toEqual(['UBND HUYỆN QUẢNG XƯƠNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
  });

  it('keeps a line of prose whole across one wide-ish gap when the lines around it have none there', () => {
    const above = piece(
      'Thực hiện Kế hoạch số 15/KH-UBND ngày 10 tháng 01 năm 2024 của Ủy ban nhân dân huyện',
      85,
      600,
      13,
      480,
    );
    const left = piece('Quảng Xương về việc rà soát', 85, 581, 13, 170);
    // Justification stretched this one space to 6 pt.
    const rest = piece('hộ nghèo năm 2024, Ủy ban nhân dân xã Đông Tiến báo cáo', right(left) + 6, 581, 13, 300);
    const belowLeft = piece('kết quả thực hiện', 85, 562, 13, 100);
    const belowRest = piece('như sau:', 188.25, 562, 13, 48);
    expect(read([above, left, rest, belowLeft, belowRest])).toEqual([
      'Thực hiện Kế hoạch số 15/KH-UBND ngày 10 tháng 01 năm 2024 của Ủy ban nhân dân huyện',
      'Quảng Xương về việc rà soát hộ nghèo năm 2024, Ủy ban nhân dân xã Đông Tiến báo cáo',
      'kết quả thực hiện như sau:',
    ]);
  });

  it('keeps a lone line whole across one wide-ish gap', () => {
    const left = piece('Nơi nhận:', 85, 300, 13, 55);
    const rest = piece('- Như trên;', right(left) + 6, 300, 13, 60);
    expect(read([left, rest])).toEqual(['Nơi nhận: - Như trên;']);
  });

  it('always splits at a tab stop wider than one and a half ems', () => {
    const notation = piece('Số: 15/UBND-VP', 85, 720, 13, 90);
    const date = piece('Đông Tiến, ngày 5 tháng 3 năm 2024', right(notation) + 1.6 * 13, 720, 13, 210);
    expect(read([notation, date])).toEqual(['Số: 15/UBND-VP', 'Đông Tiến, ngày 5 tháng 3 năm 2024']);
  });

  it('reads the signature block beside "Nơi nhận:" as its own line', () => {
    const recipients = piece('Nơi nhận:', 85, 250, 12, 50);
    const signer = piece('TM. ỦY BAN NHÂN DÂN', 360, 250, 13, 140);
    expect(read([signer, recipients])).toEqual(['Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN']);
  });
});

describe('a scanned letter, read from OCR words', () => {
  const size = 13.6; // OCR line height of 17 pt × 0.8
  const ink = (text: string) => [...text].length * 0.45 * size;

  /** One OCR row: words ending at `gutterX - gap / 2` on the left and starting at `gutterX + gap / 2` on the right. */
  function ocrRow(y: number, leftWords: string[], rightWords: string[], gutterX: number, gapEm: number): TextPiece[] {
    const spaces = [0.3, 0.45, 0.6];
    const pieces: TextPiece[] = [];
    let x = gutterX - (gapEm * size) / 2;
    leftWords.toReversed().forEach((word, index) => {
      x -= ink(word);
      pieces.push({ text: word, x, y, width: ink(word), size });
      x -= spaces[index % spaces.length]! * size;
    });
    x = gutterX + (gapEm * size) / 2;
    rightWords.forEach((word, index) => {
      pieces.push({ text: word, x, y, width: ink(word), size });
      x += ink(word) + spaces[index % spaces.length]! * size;
    });
    return pieces;
  }

  it('never splits a line at an ordinary word gap, even where three lines leave one at the same place', () => {
    const pieces = [
      ...ocrRow(700, ['Ủy', 'ban', 'nhân', 'dân', 'xã'], ['Đông', 'Tiến', 'báo', 'cáo'], 250, 0.6),
      ...ocrRow(682, ['kết', 'quả', 'rà', 'soát', 'hộ'], ['nghèo,', 'hộ', 'cận', 'nghèo'], 250, 0.55),
      ...ocrRow(664, ['năm', '2024', 'trên', 'địa', 'bàn'], ['xã', 'như', 'sau:'], 250, 0.6),
    ];
    expect(read(pieces, { gaps: 'ink' })).toEqual([
      'Ủy ban nhân dân xã Đông Tiến báo cáo',
      'kết quả rà soát hộ nghèo, hộ cận nghèo',
      'năm 2024 trên địa bàn xã như sau:',
    ]);
    // Read as a text layer, gaps this wide that line up from row to row would be taken for a gutter.
    expect(read(pieces).length).toBeGreaterThan(3);
  });

  it('splits the header where the columns come within 1.3 em but the lines below leave a gutter', () => {
    const pieces = [
      ...ocrRow(800, ['UBND', 'HUYỆN', 'QUẢNG', 'XƯƠNG'], ['CỘNG', 'HÒA', 'XÃ', 'HỘI'], 253, 1.3),
      ...ocrRow(785, ['TRUNG', 'TÂM', 'Y', 'TẾ'], ['Độc', 'lập', '-', 'Tự', 'do'], 253, 6),
      ...ocrRow(760, ['Số:', '15/TTYT-KHNV'], ['Quảng', 'Xương,', 'ngày', '5'], 253, 8),
    ];
    expect(read(pieces, { gaps: 'ink' })).toEqual([
      'UBND HUYỆN QUẢNG XƯƠNG',
      'CỘNG HÒA XÃ HỘI',
      'TRUNG TÂM Y TẾ',
      'Độc lập - Tự do',
      'Số: 15/TTYT-KHNV',
      'Quảng Xương, ngày 5',
    ]);
  });
});

describe('what a text layer carries besides the text', () => {
  it('reads a title made bold by drawing it twice once', () => {
    const pieces = [piece('QUYẾT ĐỊNH', 250, 700), piece('QUYẾT ĐỊNH', 250.3, 700.1)];
    const reading = readPage(pieces, A4);
    expect(readingText(reading)).toBe('QUYẾT ĐỊNH');
    expect(reading.lines[0]!.words.map((word) => word.text)).toEqual(['QUYẾT', 'ĐỊNH']);
  });

  it('reads a fake-bold name that Chromium split at each font switch once', () => {
    const once = [piece('Lê Văn Đ', 100, 700), piece('ứ', 152, 700), piece('c', 158.5, 700)];
    const twice = once.flatMap((p) => [p, { ...p, x: p.x + 0.25 }]);
    expect(read(twice)).toEqual(['Lê Văn Đức']);
  });

  it('keeps the same word printed twice in one line', () => {
    const first = piece('hộ', 85, 500);
    const second = piece('nghèo,', right(first) + 3.25, 500);
    const third = piece('hộ', right(second) + 3.25, 500);
    const fourth = piece('cận nghèo', right(third) + 3.25, 500);
    expect(read([first, second, third, fourth])).toEqual(['hộ nghèo, hộ cận nghèo']);
  });

  it('reads text stored decomposed (NFD) as composed text', () => {
    const reading = readPage([piece('Nguye\u0302\u0303n Tha\u0300nh Trung', 100, 500)], A4);
    expect(readingText(reading)).toBe('Nguyễn Thành Trung');
    expect(readingText(reading)).toBe(readingText(reading).normalize('NFC'));
    expect(wordBoxes(reading)[0]).toEqual({ text: 'Nguyễn', x: 100, width: 39 });
  });

  it('joins a combining mark drawn as its own piece to the letter before it', () => {
    // The marks are in another font: a zero-width piece at the pen position after the "e".
    const pieces = [piece('Nguye', 100, 500), piece('\u0302\u0303', 132.5, 500, 13, 0), piece('n', 132.5, 500)];
    const reading = readPage(pieces, A4);
    expect(readingText(reading)).toBe('Nguyễn');
    expect(reading.lines[0]!.words[0]!.text).toBe('Nguyễn');
    expect(wordBoxes(reading)[0]).toEqual({ text: 'Nguyễn', x: 100, width: 39 });
  });

  it('ignores pieces of only spaces and pieces with no size', () => {
    const word = piece('Kính', 85, 600);
    const pieces = [
      word,
      piece(' ', right(word), 600),
      piece('gửi:', right(word) + 3.25, 600),
      piece('\u00a0 ', 300, 600),
      piece('', 320, 600),
      piece('   ', 85, 560),
      piece('ẨN', 400, 600, 0),
      piece('ÂM', 420, 600, -13),
      piece('LỖI', 85, 540, 0),
    ];
    const reading = readPage(pieces, A4);
    expect(readingText(reading)).toBe('Kính gửi:');
    expect(reading.lines).toHaveLength(1);
    expect(reading.lines[0]!.width).toBeCloseTo(right(pieces[2]!) - 85);
  });
});
