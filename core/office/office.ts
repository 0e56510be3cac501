import type { OfficeView, Outputs, ValidInput } from '../../shared/api.ts';
import { OFFICE_AGENCY_CODE } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction, type Db } from '../db/connection.ts';
import { countDocuments } from '../db/documents.ts';
import { getOffice, insertOffice, updateOffice } from '../db/office.ts';
import { getDevice } from '../db/sync.ts';

type OfficeFields = Pick<OfficeView, 'agencyCode' | 'name' | 'abbreviation' | 'defaultUnit'>;

export function initOffice(core: Core, input: ValidInput<'office.init'>): OfficeView {
  return writeTransaction(core.db, () => {
    // Asked first: a second init must say the office exists, whatever it was given.
    if (getOffice(core.db)) throw new AppError('OFFICE_ALREADY_INITIALIZED', core.dataDir);
    const checked = checkOfficeFields(input);
    const office = {
      agencyCode: checked.agencyCode ?? input.agencyCode,
      name: checked.name ?? input.name,
      abbreviation: checked.abbreviation ?? input.abbreviation,
      defaultUnit: checked.defaultUnit ?? input.defaultUnit,
      createdAt: core.now().toISOString(),
    };
    insertOffice(core.db, office);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'office.init',
        entity: 'office',
        entityId: office.agencyCode,
        detail: { ...office },
      },
      core.now(),
    );
    return toOfficeView(office);
  });
}

/**
 * Corrects the office's own details from Settings. The name, abbreviation and
 * drafting unit apply to what is drafted and numbered from now on; what was
 * issued keeps the name and số, ký hiệu it went out with. The agency code is
 * how the provincial hub knows this office: once this machine is enrolled, a
 * new code would send its documents and statuses under an agency the hub did
 * not enroll, so it is refused until the province enrolls it again.
 */
export function updateOfficeDetails(core: Core, input: ValidInput<'office.update'>): OfficeView {
  return writeTransaction(core.db, () => {
    const current = getOffice(core.db);
    if (!current) throw new AppError('OFFICE_NOT_INITIALIZED');
    const checked = checkOfficeFields(input);
    const changes: Partial<OfficeFields> = {};
    const audit: Record<string, [string, string]> = {};
    for (const field of ['agencyCode', 'name', 'abbreviation', 'defaultUnit'] as const) {
      const value = checked[field];
      if (value === undefined || value === current[field]) continue;
      changes[field] = value;
      audit[field] = [current[field], value];
    }
    if (Object.keys(audit).length === 0) return toOfficeView(current);
    const device = getDevice(core.db);
    if (changes.agencyCode !== undefined && device) {
      throw new AppError(
        'OFFICE_CODE_ENROLLED',
        `enrolled with ${device.hubUrl} as ${device.agencyCode}; refused ${changes.agencyCode}`,
        {
          fields: {
            agencyCode: `Máy đã kết nối với máy chủ của tỉnh bằng mã ${device.agencyCode}; không đổi được mã định danh khi đang kết nối.`,
          },
        },
      );
    }
    updateOffice(core.db, changes);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'office.update',
        entity: 'office',
        entityId: changes.agencyCode ?? current.agencyCode,
        detail: { changes: audit },
      },
      core.now(),
    );
    return toOfficeView({ ...current, ...changes });
  });
}

/**
 * The office's details as they are stored, or VALIDATION_FAILED naming each
 * field that is wrong: the code in the form of Decision 20/2020 (shared/domain.ts),
 * a name of at least two words as the seal writes it ("UBND xã Quảng Phú", not
 * "x"), and abbreviations fit for a ký hiệu (Decree 30, Appendix I §3: upper
 * case, groups joined by "-", no spaces): "UBND", "VP".
 */
function checkOfficeFields(fields: Partial<OfficeFields>): Partial<OfficeFields> {
  const checked: Partial<OfficeFields> = {};
  const problems: Record<string, string> = {};
  if (fields.agencyCode !== undefined) {
    const code = fields.agencyCode.toUpperCase();
    if (OFFICE_AGENCY_CODE.test(code)) checked.agencyCode = code;
    else
      problems.agencyCode = `Mã định danh "${fields.agencyCode}" chưa đúng dạng của Quyết định 20/2020/QĐ-TTg: ba chữ số, hai chữ số, hai hoặc ba chữ số, rồi một chữ cái và hai chữ số, cách nhau bằng dấu chấm (ví dụ 000.00.31.H56).`;
  }
  if (fields.name !== undefined) {
    if (isSensibleName(fields.name)) checked.name = fields.name.replace(/\s+/g, ' ');
    else problems.name = 'Ghi đầy đủ tên cơ quan như trên con dấu, ví dụ "UBND xã Quảng Phú".';
  }
  if (fields.abbreviation !== undefined) {
    const abbreviation = asAbbreviation(fields.abbreviation);
    if (abbreviation) checked.abbreviation = abbreviation;
    else
      problems.abbreviation =
        'Chữ viết tắt tên cơ quan dùng trong ký hiệu văn bản (ví dụ UBND): ít nhất hai chữ cái, không có dấu cách.';
  }
  if (fields.defaultUnit !== undefined) {
    const unit = asAbbreviation(fields.defaultUnit);
    if (unit) checked.defaultUnit = unit;
    else
      problems.defaultUnit =
        'Chữ viết tắt của đơn vị soạn thảo dùng trong ký hiệu công văn (ví dụ VP): ít nhất hai chữ cái, không có dấu cách.';
  }
  if (Object.keys(problems).length > 0) {
    throw new AppError('VALIDATION_FAILED', `office ${Object.keys(problems).join(', ')}`, { fields: problems });
  }
  return checked;
}

/** Starts with a letter and has at least two words with letters, four letters in all. */
function isSensibleName(name: string): boolean {
  const words = name.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const letters = name.match(/\p{L}/gu)?.length ?? 0;
  return /^\p{L}/u.test(name) && words.length >= 2 && letters >= 4;
}

/** Upper case, as a ký hiệu writes it; null when it cannot stand in one. */
function asAbbreviation(text: string): string | null {
  const upper = text.toUpperCase();
  const letters = upper.match(/\p{L}/gu)?.length ?? 0;
  return /^[\p{Lu}\p{N}]+(?:-[\p{Lu}\p{N}]+)*$/u.test(upper) && letters >= 2 ? upper : null;
}

export function requireOffice(db: Db): OfficeView {
  const office = getOffice(db);
  if (!office) throw new AppError('OFFICE_NOT_INITIALIZED');
  return toOfficeView(office);
}

export function officeStatus(core: Core): Outputs['office.status'] {
  const office = getOffice(core.db);
  return { dataDir: core.dataDir, office: office ? toOfficeView(office) : null, counts: countDocuments(core.db) };
}

function toOfficeView(office: OfficeView): OfficeView {
  return {
    agencyCode: office.agencyCode,
    name: office.name,
    abbreviation: office.abbreviation,
    defaultUnit: office.defaultUnit,
  };
}
