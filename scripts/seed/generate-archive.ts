// A deterministic generator of a commune's document archive: the same seed
// always gives the same documents, so benchmarks compare like with like.
import type { Secrecy, Urgency } from '../../shared/domain.ts';
import {
  actions,
  bodySentences,
  communes,
  districts,
  familyNames,
  givenNames,
  hamlets,
  issuers,
  middleNames,
  rareSyllables,
  reasons,
  references,
  signerTitles,
  topics,
  units,
  type Issuer,
} from './vocabulary.ts';

export interface SeedDocument {
  direction: 'incoming' | 'outgoing';
  type: string;
  subject: string;
  issuedOn: string;
  issuerName: string | null;
  writtenCode: string | null;
  arrivedOn: string | null;
  signerName: string | null;
  signerTitle: string | null;
  urgency: Urgency;
  secrecy: Secrecy;
  dueOn: string | null;
  body: string;
}

interface TypeSpec {
  key: string;
  /** Abbreviation in notations; null for công văn. */
  abbreviation: string | null;
  subjects: readonly string[];
}

// Subjects by type. Slots: {action} {topic} {topic2} {reason} {person} {hamlet} {commune} {district} {year} {month}
const typeSpecs: readonly [TypeSpec, number][] = [
  [
    {
      key: 'CV',
      abbreviation: null,
      subjects: [
        'Về việc {action} {topic}',
        'V/v {action} {topic} {reason}',
        'Về việc {action} {topic} năm {year}',
        'Về việc đề nghị {action} {topic} cho hộ ông {person}, thôn {hamlet}',
        'Về việc cung cấp hồ sơ {topic} của bà {person}',
        'Về việc trả lời đơn của công dân {person}, thôn {hamlet}',
        'V/v báo cáo số liệu {topic} tháng {month} năm {year}',
      ],
    },
    30,
  ],
  [
    {
      key: 'QD',
      abbreviation: 'QĐ',
      subjects: [
        'Quyết định về việc {action} {topic} {reason}',
        'Về việc thành lập Ban Chỉ đạo {topic} xã {commune}',
        'Về việc khen thưởng các tập thể, cá nhân có thành tích trong {topic}',
        'Về việc xử phạt vi phạm hành chính đối với ông {person}',
        'Về việc cấp giấy chứng nhận quyền sử dụng đất cho hộ ông {person}, thôn {hamlet}',
        'Về việc phê duyệt danh sách {topic} năm {year}',
        'Về việc giao nhiệm vụ {topic} cho công chức {unit}',
      ],
    },
    22,
  ],
  [
    {
      key: 'KH',
      abbreviation: 'KH',
      subjects: [
        'Kế hoạch {topic} năm {year}',
        'Kế hoạch {action} {topic} {reason}',
        'Kế hoạch tổ chức {topic} trên địa bàn xã {commune}',
      ],
    },
    12,
  ],
  [
    {
      key: 'TB',
      abbreviation: 'TB',
      subjects: [
        'Thông báo kết luận của Chủ tịch UBND xã về {topic}',
        'Thông báo lịch tiếp công dân tháng {month} năm {year}',
        'Thông báo về việc {action} {topic} tại thôn {hamlet}',
        'Thông báo thu hồi đất của hộ bà {person}, thôn {hamlet}',
      ],
    },
    9,
  ],
  [
    {
      key: 'BC',
      abbreviation: 'BC',
      subjects: [
        'Báo cáo kết quả {topic} {reason}',
        'Báo cáo tình hình {topic} tháng {month} năm {year}',
        'Báo cáo sơ kết {topic} 6 tháng đầu năm {year}',
        'Báo cáo tổng kết {topic} năm {year}',
      ],
    },
    9,
  ],
  [
    {
      key: 'GM',
      abbreviation: 'GM',
      subjects: ['Giấy mời dự hội nghị {action} {topic}', 'Giấy mời họp bàn {topic} tại thôn {hamlet}'],
    },
    6,
  ],
  [
    {
      key: 'TTr',
      abbreviation: 'TTr',
      subjects: [
        'Tờ trình đề nghị {action} {topic}',
        'Tờ trình đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ ông {person}',
        'Tờ trình đề nghị phê duyệt dự toán {topic} năm {year}',
      ],
    },
    5,
  ],
  [
    {
      key: 'NQ',
      abbreviation: 'NQ',
      subjects: ['Nghị quyết về {topic} năm {year}', 'Nghị quyết phê chuẩn {topic} {reason}'],
    },
    1.5,
  ],
  [{ key: 'CT', abbreviation: 'CT', subjects: ['Chỉ thị về việc {action} {topic}'] }, 1],
  [{ key: 'HD', abbreviation: 'HD', subjects: ['Hướng dẫn thực hiện {topic} {reason}'] }, 1],
  [
    {
      key: 'BB',
      abbreviation: 'BB',
      subjects: ['Biên bản kiểm tra {topic} tại thôn {hamlet}', 'Biên bản làm việc với hộ ông {person} về {topic}'],
    },
    1.5,
  ],
  [{ key: 'CTr', abbreviation: 'CTr', subjects: ['Chương trình công tác {topic} năm {year}'] }, 0.8],
  [{ key: 'GGT', abbreviation: 'GGT', subjects: ['Giấy giới thiệu ông {person} liên hệ công tác về {topic}'] }, 0.6],
  [
    {
      key: 'PA',
      abbreviation: 'PA',
      subjects: ['Phương án {topic} {reason}', 'Phương án sơ tán dân tại thôn {hamlet} khi có bão'],
    },
    0.6,
  ],
];

const urgencyWeights: readonly [Urgency, number][] = [
  ['thuong', 85],
  ['khan', 9],
  ['thuong-khan', 4],
  ['hoa-toc', 2],
];
const secrecyWeights: readonly [Secrecy, number][] = [
  ['thuong', 98],
  ['mat', 1.5],
  ['toi-mat', 0.45],
  ['tuyet-mat', 0.05],
];
const issuerWeights: readonly [Issuer, number][] = issuers.map((issuer) => [issuer, issuer.weight]);

export function* generateArchive(options: {
  count: number;
  seed: number;
  fromYear: number;
  toYear: number;
}): Generator<SeedDocument> {
  const random = mulberry32(options.seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const weighted = picker(random);
  const pickType = weighted(typeSpecs);
  const pickUrgency = weighted(urgencyWeights);
  const pickSecrecy = weighted(secrecyWeights);
  const pickIssuer = weighted(issuerWeights);
  const pickFamily = weighted(familyNames);
  const pickTitle = weighted(signerTitles);
  const given = () => (random() < 0.08 ? pick(rareSyllables) : pick(givenNames));
  const person = () =>
    `${pickFamily()} ${pick(middleNames)} ${random() < 0.3 ? `${pick(middleNames)} ` : ''}${given()}`;
  const hamlet = () => (random() < 0.1 ? `Bản ${pick(rareSyllables)} ${pick(rareSyllables)}` : pick(hamlets));
  const days = Math.round((Date.UTC(options.toYear + 1, 0, 1) - Date.UTC(options.fromYear, 0, 1)) / 86_400_000);

  for (let index = 0; index < options.count; index++) {
    const type = pickType();
    const incoming = random() < 0.6;
    const issued = Date.UTC(options.fromYear, 0, 1) + int(days) * 86_400_000;
    const issuedOn = isoDay(issued);
    const year = issuedOn.slice(0, 4);
    const fill = (template: string): string =>
      template.replace(/\{(\w+)\}/g, (_, slot: string) => {
        switch (slot) {
          case 'action':
            return pick(actions);
          case 'topic':
          case 'topic2':
            return pick(topics);
          case 'reason':
            return pick(reasons);
          case 'person':
            return person();
          case 'hamlet':
          case 'hamlet2':
            return hamlet();
          case 'commune':
            return pick(communes);
          case 'district':
            return pick(districts);
          case 'unit':
            return pick(units);
          case 'year':
            return year;
          case 'month':
            return String(1 + int(12));
          case 'day':
          case 'day2':
            return String(1 + int(28));
          case 'number':
            return String(10 + int(5000));
          case 'small':
            return String(1 + int(15));
          case 'percent':
            return String(50 + int(50));
          case 'phone':
            return String(900_000_000 + int(99_999_999));
          case 'n':
            return String(1 + int(3000));
          case 'ref':
            return fill(pick(references));
          default:
            return slot;
        }
      });
    const subject = fill(pick(type.subjects));
    const sentences = 2 + int(5);
    const body = Array.from({ length: sentences }, () => fill(pick(bodySentences))).join(' ');
    const urgency = pickUrgency();
    const secrecy = pickSecrecy();
    if (incoming) {
      const issuer = pickIssuer();
      const arrived = issued + int(6) * 86_400_000;
      yield {
        direction: 'incoming',
        type: type.key,
        subject,
        issuedOn,
        issuerName: issuer.name,
        writtenCode: writtenCode(1 + int(3000), type, issuer, pick(issuer.units)),
        arrivedOn: isoDay(arrived),
        signerName: null,
        signerTitle: null,
        urgency,
        secrecy,
        dueOn: random() < 0.3 ? isoDay(arrived + (3 + int(28)) * 86_400_000) : null,
        body,
      };
    } else {
      yield {
        direction: 'outgoing',
        type: type.key,
        subject,
        issuedOn,
        issuerName: null,
        writtenCode: null,
        arrivedOn: null,
        signerName: person(),
        signerTitle: pickTitle(),
        urgency,
        secrecy,
        dueOn: null,
        body,
      };
    }
  }
}

/** Số/ký hiệu as the issuer writes it (Decree 30, Appendix I §3): 05/QĐ-UBND, 245/UBND-NN. */
function writtenCode(number: number, type: TypeSpec, issuer: Issuer, unit: string): string {
  const digits = String(number).padStart(2, '0');
  return type.abbreviation === null
    ? `${digits}/${issuer.abbreviation}-${unit}`
    : `${digits}/${type.abbreviation}-${issuer.abbreviation}`;
}

function picker(random: () => number) {
  return <T>(weights: readonly (readonly [T, number])[]): (() => T) => {
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    let running = 0;
    const cumulative = weights.map(([, weight]) => (running += weight) / total);
    return () => {
      const r = random();
      const index = cumulative.findIndex((edge) => r < edge);
      return weights[index === -1 ? weights.length - 1 : index]![0];
    };
  };
}

export function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
