// How the handling screens name an official.

/** "Nguyễn Văn Chủ — Chủ tịch UBND xã": a name the clerk can tell apart from a namesake. */
export function personLabel(person: { name: string; title: string | null }): string {
  return person.title ? `${person.name} — ${person.title}` : person.name;
}
