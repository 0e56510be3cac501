// A document named as the registers name it: its type, then its trích yếu —
// except when the trích yếu already begins with the type's name ("Kế hoạch
// dân số…" for a Kế hoạch), which is then not written twice.
import { foldVietnamese } from '../../../shared/fold.ts';

export function subjectNamesType(document: { typeName: string; subject: string }): boolean {
  const start = document.subject.slice(0, document.typeName.length * 2 + 2);
  return foldVietnamese(start).startsWith(foldVietnamese(document.typeName));
}

/** "Kế hoạch Phòng, chống lụt bão…", with the space between the two. */
export function typeAndSubject(document: { typeName: string; subject: string }): string {
  return subjectNamesType(document) ? document.subject : `${document.typeName} ${document.subject}`;
}
