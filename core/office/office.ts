import type { OfficeView, Outputs, ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import { appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction, type Db } from '../db/connection.ts';
import { countDocuments } from '../db/documents.ts';
import { getOffice, insertOffice } from '../db/office.ts';

export function initOffice(core: Core, input: ValidInput<'office.init'>): OfficeView {
  return writeTransaction(core.db, () => {
    if (getOffice(core.db)) throw new AppError('OFFICE_ALREADY_INITIALIZED', core.dataDir);
    const office = {
      agencyCode: input.agencyCode,
      name: input.name,
      abbreviation: input.abbreviation,
      defaultUnit: input.defaultUnit,
      createdAt: core.now().toISOString(),
    };
    insertOffice(core.db, office);
    appendAudit(
      core.db,
      {
        actor: core.actor,
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
