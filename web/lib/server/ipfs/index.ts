// The portal's document store from the environment: IPFS_API_URL (Kubo RPC) or the data folder
// ($CURIA_DOCS_DIR, default $CURIA_DATA_DIR/docs — where /api/docs and the seed keep documents).
import { env } from '$env/dynamic/private';
import { docsDir } from '../settings';
import { MAX_UPLOAD_BYTES } from './content';
import { folderStore, kuboStore, type BlockStore } from '$protocol/store';

export function documentStore(): BlockStore {
  return env.IPFS_API_URL ? kuboStore(env.IPFS_API_URL) : folderStore(docsDir());
}

/** UPLOAD_MAX_BYTES (default 256 KiB: one IPFS block, so the CID is the plain sha-256). */
export function uploadLimit(): number {
  const raw = Number(env.UPLOAD_MAX_BYTES);
  return Number.isInteger(raw) && raw > 0 ? Math.min(raw, 1024 * 1024) : MAX_UPLOAD_BYTES;
}
