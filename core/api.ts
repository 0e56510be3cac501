// THE handler table: every operation a caller (CLI, Electron IPC, browser
// mode) can ask of core, by name. Inputs are validated here against the
// contract in shared/api.ts before any handler runs.
import { z } from 'zod';
import { schemas, type HandlerInput, type HandlerName, type Outputs, type ValidInput } from '../shared/api.ts';
import { AppError } from '../shared/errors.ts';
import { verifyAuditChain } from './audit/chain.ts';
import type { Core } from './context.ts';
import { translateSqliteError } from './db/connection.ts';
import { addAttachment, exportAttachment, readAttachment } from './documents/attachments.ts';
import { documentHistory, updateDocument } from './documents/edit.ts';
import { registerIncoming } from './documents/incoming.ts';
import { prefillIncoming } from './documents/prefill.ts';
import { readOwedPdfs } from './documents/read-owed.ts';
import { draftOutgoing, issueOutgoing } from './documents/outgoing.ts';
import { listRegister, listRegisterYears } from './documents/register-list.ts';
import { searchDocuments } from './documents/search.ts';
import { getDocument } from './documents/view.ts';
import {
  addDocumentToWorkFile,
  closeWorkFile,
  createWorkFile,
  getWorkFile,
  listWorkFiles,
  removeDocumentFromWorkFile,
} from './documents/work-files.ts';
import { listDirectory, suggestIssuers } from './office/agencies.ts';
import { initOffice, officeStatus, updateOfficeDetails } from './office/office.ts';
import { checkStore } from './office/store-check.ts';
import { cancelOcr } from './ocr/ocr-jobs.ts';
import { dashboardStats } from './reports/dashboard.ts';
import { handlingReportList } from './reports/handling-list.ts';
import { handlingReport } from './reports/handling-report.ts';
import { adjustCalendar, listCalendar, removeCalendarDay } from './workflow/calendar-handlers.ts';
import { reviseDraft } from './workflow/drafts.ts';
import {
  approveDraft,
  assignDocument,
  completeDocument,
  decideExtension,
  directDocument,
  extendDocument,
  getHandlingView,
  progressDocument,
  receiveDocument,
  returnDocument,
  returnDraft,
  submitDocument,
  submitDraft,
} from './workflow/handling.ts';
import { addPerson, deactivatePerson, editPerson, listPeopleView, setPassword } from './workflow/people.ts';
import { leaveSession, sessionView, switchPerson } from './workflow/session.ts';
import { listMyTasks } from './workflow/tasks.ts';

// Exports pull in pdf-lib and the zip writer: loaded on first use.
const reports = () => import('./reports/register-export.ts');

// Sync pulls in the HTTP client and pdf.js (for what comes down): also loaded on first use.
const sync = () => import('./sync/handlers.ts');

// An enrollment code is asked of the hub: the HTTP client is loaded with it.
const enrollCode = () => import('./workflow/enroll-code.ts');

// The token-driver list reads the signing settings and the known drivers: loaded with them.
const tokenDrivers = () => import('./settings/token-drivers.ts');

// Signing pulls in PKCS#11, CMS and PDF libraries: loaded on first use, so
// every other command starts as fast as before.
const signing = () => import('./signing/handlers.ts');

z.config(z.locales.vi());

type Handler<K extends HandlerName> = (core: Core, input: ValidInput<K>) => Outputs[K] | Promise<Outputs[K]>;

export const handlers: { [K in HandlerName]: Handler<K> } = {
  'office.init': initOffice,
  'office.status': (core) => officeStatus(core),
  'incoming.register': registerIncoming,
  'outgoing.draft': draftOutgoing,
  'outgoing.issue': issueOutgoing,
  'documents.get': getDocument,
  'documents.update': updateDocument,
  'documents.history': documentHistory,
  'documents.search': searchDocuments,
  'attachments.add': addAttachment,
  'attachments.export': exportAttachment,
  'workFiles.create': createWorkFile,
  'workFiles.get': getWorkFile,
  'workFiles.list': listWorkFiles,
  'workFiles.addDocument': addDocumentToWorkFile,
  'workFiles.removeDocument': removeDocumentFromWorkFile,
  'workFiles.close': closeWorkFile,
  'audit.verify': (core) => verifyAuditChain(core.db),
  'store.check': (core) => checkStore(core),
  'tokens.modules': async (core, input) => (await signing()).listModules(core, input),
  'tokens.drivers': async (core, input) => (await tokenDrivers()).listTokenDrivers(core, input),
  'tokens.probe': async (core, input) => (await tokenDrivers()).probeTokenDriver(core, input),
  'tokens.list': async (core, input) => (await signing()).listTokens(core, input),
  'tokens.certificates': async (core, input) => (await signing()).listCertificates(core, input),
  'sign.documents': async (core, input) => (await import('./signing/sign-documents.ts')).signDocuments(core, input),
  verify: async (core, input) => {
    const { verifyDocument, verifyFile } = await signing();
    return 'path' in input ? verifyFile(core, input) : verifyDocument(core, input);
  },
  'trust.add': async (core, input) => (await signing()).addTrust(core, input),
  'trust.list': async (core) => (await signing()).listTrust(core),
  'trust.remove': async (core, input) => (await signing()).removeTrust(core, input),
  'crl.import': async (core, input) => (await signing()).importCrl(core, input),
  'sync.connect': async (core, input) => (await sync()).connectHub(core, input),
  'sync.run': async (core, input) => (await sync()).runSync(core, input),
  'sync.status': async (core) => (await sync()).syncStatus(core),
  'sync.configure': async (core, input) => (await sync()).configureSync(core, input),
  'settings.get': async (core) => (await signing()).getSettings(core),
  'settings.update': async (core, input) => (await signing()).updateSettings(core, input),
  'settings.signatureImage': async (core, input) => (await signing()).setSignatureImage(core, input),
  'documents.list': listRegister,
  'documents.years': listRegisterYears,
  'issuers.suggest': suggestIssuers,
  'office.update': updateOfficeDetails,
  'incoming.prefill': prefillIncoming,
  'ocr.cancel': (core) => ({ cancelled: cancelOcr(core) }),
  'documents.reread': (core, input) => readOwedPdfs(core, input),
  'agencies.list': listDirectory,
  'attachments.read': readAttachment,
  'dashboard.stats': dashboardStats,
  'registers.export': async (core, input) => (await reports()).exportRegister(core, input),
  'people.add': addPerson,
  'people.list': listPeopleView,
  'people.edit': editPerson,
  'people.deactivate': deactivatePerson,
  'people.setPassword': setPassword,
  'people.enrollCode': async (core, input) => (await enrollCode()).makeEnrollCode(core, input),
  'session.get': (core) => sessionView(core),
  'session.switch': switchPerson,
  'session.leave': (core) => leaveSession(core),
  'handling.get': getHandlingView,
  'handling.submit': submitDocument,
  'handling.direct': directDocument,
  'handling.assign': assignDocument,
  'handling.receive': receiveDocument,
  'handling.progress': progressDocument,
  'handling.extend': extendDocument,
  'handling.decideExtension': decideExtension,
  'handling.return': returnDocument,
  'handling.complete': completeDocument,
  'tasks.list': (core) => listMyTasks(core),
  'drafts.submit': submitDraft,
  'drafts.approve': approveDraft,
  'drafts.return': returnDraft,
  'drafts.revise': reviseDraft,
  'calendar.list': listCalendar,
  'calendar.adjust': adjustCalendar,
  'calendar.remove': removeCalendarDay,
  'report.handling': handlingReport,
  'report.handlingList': handlingReportList,
};

/** Validates the input against the contract, then runs the named handler. */
export async function call<K extends HandlerName>(core: Core, name: K, input: HandlerInput<K>): Promise<Outputs[K]> {
  // Names arrive from other processes: never let "constructor" reach a prototype.
  if (!Object.hasOwn(schemas, name)) throw new AppError('INPUT_INVALID', `unknown handler ${String(name)}`);
  const schema = schemas[name] as unknown as z.ZodType<ValidInput<K>>;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
    throw new AppError('INPUT_INVALID', `${name}: ${z.prettifyError(parsed.error)}`, { fields });
  }
  try {
    return await (handlers[name] as Handler<K>)(core, parsed.data);
  } catch (error) {
    throw translateSqliteError(error, core.dataDir);
  }
}
