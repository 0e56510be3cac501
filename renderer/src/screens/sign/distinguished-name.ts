// Reading one attribute out of an RFC 4514 name as core writes it
// ('CN=Nguyễn Văn An,O=UBND xã Quảng Phú,C=VN'), escapes included.

function attributeOf(name: string, attribute: string): string | null {
  let key = '';
  let value = '';
  let inValue = false;
  const found = () => (key.trim().toUpperCase() === attribute.toUpperCase() ? value.trim() : null);
  for (let i = 0; i < name.length; i += 1) {
    const char = name[i]!;
    if (char === '\\' && i + 1 < name.length) {
      i += 1;
      if (inValue) value += name[i];
      else key += name[i];
    } else if (!inValue && char === '=') {
      inValue = true;
    } else if (char === ',' || char === '+') {
      const match = found();
      if (match !== null) return match;
      key = '';
      value = '';
      inValue = false;
    } else if (inValue) {
      value += char;
    } else {
      key += char;
    }
  }
  return found();
}

/** What a person calls the holder of a certificate: its CN, else the organisation, else the whole name. */
export function displayName(name: string): string {
  return attributeOf(name, 'CN') ?? attributeOf(name, 'O') ?? name;
}
