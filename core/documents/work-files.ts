import type { Outputs, ValidInput, WorkFileView } from '../../shared/api.ts';
import { localDate, yearOf } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction, type Db } from '../db/connection.ts';
import { getDocumentRow } from '../db/documents.ts';
import {
  addWorkFileDocument,
  closeWorkFile as closeWorkFileRow,
  getWorkFile as getWorkFileRow,
  insertWorkFile,
  listWorkFiles as listWorkFileRows,
  removeWorkFileDocument,
  workFileDocumentIds,
  type WorkFileRow,
} from '../db/work-files.ts';
import { newId } from '../ids.ts';
import { requireDocument } from './require-document.ts';
import { toDocumentView } from './view.ts';

// Hồ sơ: the documents of one matter, kept together for the archive.

export function createWorkFile(core: Core, input: ValidInput<'workFiles.create'>): WorkFileView {
  const now = core.now();
  const today = localDate(now);
  return writeTransaction(core.db, () => {
    const row: WorkFileRow = {
      id: newId(now.getTime()),
      code: input.code ?? null,
      title: input.title,
      year: input.year ?? yearOf(today),
      keeper: input.keeper ?? null,
      retention: input.retention ?? null,
      openedOn: today,
      closedOn: null,
      notes: input.notes ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    insertWorkFile(core.db, row);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'workfile.create',
        entity: 'work-file',
        entityId: row.id,
        detail: { code: row.code, title: row.title, year: row.year },
      },
      now,
    );
    return workFileView(core.db, row);
  });
}

export function getWorkFile(core: Core, input: ValidInput<'workFiles.get'>): Outputs['workFiles.get'] {
  const row = requireWorkFile(core.db, input.id);
  const today = localDate(core.now());
  const documents = workFileDocumentIds(core.db, row.id).map((id) =>
    toDocumentView(core.db, getDocumentRow(core.db, id)!, today),
  );
  return { ...workFileView(core.db, row), documents };
}

export function listWorkFiles(core: Core, input: ValidInput<'workFiles.list'>): Outputs['workFiles.list'] {
  return {
    results: listWorkFileRows(core.db, input.year).map(({ documentCount, ...row }) => toView(row, documentCount)),
  };
}

export function addDocumentToWorkFile(core: Core, input: ValidInput<'workFiles.addDocument'>): WorkFileView {
  return changeMembership(core, input, 'add');
}

export function removeDocumentFromWorkFile(core: Core, input: ValidInput<'workFiles.removeDocument'>): WorkFileView {
  return changeMembership(core, input, 'remove');
}

export function closeWorkFile(core: Core, input: ValidInput<'workFiles.close'>): WorkFileView {
  const now = core.now();
  return writeTransaction(core.db, () => {
    const row = requireOpenWorkFile(core.db, input.id);
    const closedOn = input.closedOn ?? localDate(now);
    closeWorkFileRow(core.db, row.id, closedOn, now.toISOString());
    appendAudit(
      core.db,
      { ...actedBy(core), action: 'workfile.close', entity: 'work-file', entityId: row.id, detail: { closedOn } },
      now,
    );
    return workFileView(core.db, requireWorkFile(core.db, row.id));
  });
}

function changeMembership(
  core: Core,
  input: { workFileId: string; documentId: string },
  change: 'add' | 'remove',
): WorkFileView {
  const now = core.now();
  return writeTransaction(core.db, () => {
    const workFile = requireOpenWorkFile(core.db, input.workFileId);
    const document = requireDocument(core.db, input.documentId);
    const changed =
      change === 'add'
        ? addWorkFileDocument(core.db, workFile.id, document.id, now.toISOString())
        : removeWorkFileDocument(core.db, workFile.id, document.id);
    // Recorded against the document, so its history shows which hồ sơ it went into.
    if (changed) {
      appendAudit(
        core.db,
        {
          ...actedBy(core),
          action: `workfile.${change}-document`,
          entity: 'document',
          entityId: document.id,
          detail: { workFileId: workFile.id, workFileTitle: workFile.title },
        },
        now,
      );
    }
    return workFileView(core.db, workFile);
  });
}

function requireWorkFile(db: Db, id: string): WorkFileRow {
  const row = getWorkFileRow(db, id);
  if (!row) throw new AppError('WORK_FILE_NOT_FOUND', id);
  return row;
}

function requireOpenWorkFile(db: Db, id: string): WorkFileRow {
  const row = requireWorkFile(db, id);
  if (row.closedOn !== null) throw new AppError('WORK_FILE_CLOSED', `${id} closed on ${row.closedOn}`);
  return row;
}

function workFileView(db: Db, row: WorkFileRow): WorkFileView {
  return toView(row, workFileDocumentIds(db, row.id).length);
}

function toView(row: WorkFileRow, documentCount: number): WorkFileView {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    year: row.year,
    keeper: row.keeper,
    retention: row.retention,
    openedOn: row.openedOn,
    closedOn: row.closedOn,
    notes: row.notes,
    documentCount,
  };
}
