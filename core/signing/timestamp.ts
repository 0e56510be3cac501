// RFC 3161 client: asks the configured time-stamping authority for a token over
// the signature value (PAdES B-T). A TSA that is down or answers nonsense never
// blocks signing: the caller falls back to B-B and says so.
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensurePkijsEngine } from './crypto-engine.ts';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const MAX_REPLY_BYTES = 256 * 1024;

export type TimestampResult = { ok: true; token: Uint8Array; genTime: string } | { ok: false; reason: string };

export async function requestTimestamp(
  url: string,
  signatureValue: Uint8Array,
  timeoutMs = 10_000,
): Promise<TimestampResult> {
  ensurePkijsEngine();
  const imprint = createHash('sha256').update(signatureValue).digest();
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: arrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: arrayBuffer(nonce) }),
    certReq: true,
  });
  let body: Uint8Array;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(request.toSchema().toBER()),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { ok: false, reason: `TSA HTTP ${response.status}` };
    body = new Uint8Array(await response.arrayBuffer());
    if (body.length > MAX_REPLY_BYTES) return { ok: false, reason: `TSA reply of ${body.length} bytes` };
  } catch (error) {
    return { ok: false, reason: `TSA unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const reply = pkijs.TimeStampResp.fromBER(arrayBuffer(body));
    if (reply.status.status !== pkijs.PKIStatus.granted && reply.status.status !== pkijs.PKIStatus.grantedWithMods)
      return { ok: false, reason: `TSA refused (status ${reply.status.status})` };
    if (!reply.timeStampToken) return { ok: false, reason: 'TSA reply without a token' };
    const signed = new pkijs.SignedData({ schema: reply.timeStampToken.content });
    const eContent = signed.encapContentInfo.eContent;
    if (!eContent) return { ok: false, reason: 'timestamp token without TSTInfo' };
    const info = pkijs.TSTInfo.fromBER(eContent.getValue());
    const echoed = Buffer.from(info.messageImprint.hashedMessage.getValue());
    if (!echoed.equals(imprint)) return { ok: false, reason: 'timestamp over other data' };
    if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(nonce))
      return { ok: false, reason: 'timestamp nonce mismatch (replayed reply?)' };
    return {
      ok: true,
      token: new Uint8Array(reply.timeStampToken.toSchema().toBER()),
      genTime: info.genTime.toISOString(),
    };
  } catch (error) {
    return { ok: false, reason: `unreadable TSA reply: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
