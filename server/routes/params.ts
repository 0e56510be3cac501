// Path parameters, validated like bodies: a hash that is not 64 hex digits never reaches the disk.
import { z } from 'zod';
import { agencyCode, sha256Hex } from '../../shared/sync-protocol.ts';

export const agencyParams = z.object({ agency: agencyCode });
export const blobParams = z.object({ agency: agencyCode, sha256: sha256Hex });
export type BlobParams = z.infer<typeof blobParams>;
