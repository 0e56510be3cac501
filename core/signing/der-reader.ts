// DER for inputs larger than asn1js handles well: a walker for the big
// lists (a national CA's CRL names tens of thousands of certificates, which
// asn1js + pkijs take seconds to decode into objects, while walking the
// bytes takes milliseconds), and asn1js itself with limits sized to the input.
import * as asn1js from 'asn1js';

const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;

export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just after the content. */
  end: number;
}

/** The element at `offset`; throws on anything that is not definite-length DER inside `limit`. */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length): Tlv {
  if (offset + 2 > limit) throw new Error(`truncated DER at ${offset}`);
  const tag = bytes[offset]!;
  // Tag numbers above 30 take more bytes; nothing in a CRL uses them.
  if ((tag & 0x1f) === 0x1f) throw new Error(`multi-byte tag at ${offset}`);
  const first = bytes[offset + 1]!;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error(`unsupported length form at ${offset}`);
    if (contentStart + count > limit) throw new Error(`truncated DER at ${offset}`);
    length = 0;
    for (let index = 0; index < count; index++) length = length * 256 + bytes[contentStart + index]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new Error(`DER element at ${offset} runs past its container`);
  return { tag, start: offset, contentStart, end };
}

/** The first element inside `parent` for which `match` is true, without collecting the others. */
export function findChild(bytes: Uint8Array, parent: Tlv, match: (child: Tlv) => boolean): Tlv | null {
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(bytes, offset, parent.end);
    if (match(child)) return child;
    offset = child.end;
  }
  return null;
}

/** The elements inside a constructed element. */
export function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/**
 * asn1js.fromBER with a node limit sized to the input. Its default of
 * 10,000 nodes refuses real inputs (a signature embedding a CRL, a CA
 * bundle); every node takes at least two bytes, so the size bounds the count.
 */
export function fromBerSized(bytes: Uint8Array): ReturnType<typeof asn1js.fromBER> {
  return asn1js.fromBER(bytes, { maxNodes: Math.max(asn1js.DEFAULT_MAX_NODES, bytes.length >> 1) });
}

/** One element decoded with asn1js, for the parts pkijs classes are good at. */
export function decodeTlv(bytes: Uint8Array, tlv: Tlv): asn1js.AsnType {
  const parsed = fromBerSized(bytes.subarray(tlv.start, tlv.end));
  if (parsed.offset === -1) throw new Error(`undecodable DER at ${tlv.start}: ${parsed.result.error}`);
  return parsed.result;
}

/** A UTCTime or GeneralizedTime element as a Date. */
export function timeOf(bytes: Uint8Array, tlv: Tlv): Date {
  const time = decodeTlv(bytes, tlv);
  if (!(time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime))
    throw new Error(`not a time at ${tlv.start}`);
  return time.toDate();
}

export function isTime(tlv: Tlv | undefined): tlv is Tlv {
  return tlv?.tag === UTC_TIME || tlv?.tag === GENERALIZED_TIME;
}
