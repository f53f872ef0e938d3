import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { ConfigError } from '../config/app-config.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const KEY = /^[A-Za-z0-9_-]+$/;

/**
 * The VAPID key pair that signs Kring's pushes, kept like the JWT secret: `VAPID_PUBLIC_KEY` and
 * `VAPID_PRIVATE_KEY` when set (both, or neither; required for several processes, which must
 * sign alike), else generated once and kept in `DATA_DIR/vapid-keys.json` (0600). A new pair
 * would quietly end every device's subscription, so a damaged file stops the start instead.
 * Without a folder (`null`) the pair is made for this process only.
 */
export function loadVapidKeys(env: Record<string, string | undefined>, dataDir: string | null): VapidKeys {
  const subject = env.VAPID_SUBJECT || 'mailto:push@kring.invalid';
  if (!/^(mailto:|https:\/\/)/.test(subject)) {
    throw new ConfigError('Invalid configuration:\n  VAPID_SUBJECT: must start with mailto: or https://');
  }
  const publicKey = env.VAPID_PUBLIC_KEY || undefined;
  const privateKey = env.VAPID_PRIVATE_KEY || undefined;
  if (publicKey || privateKey) {
    if (!publicKey || !privateKey) {
      throw new ConfigError(
        `Invalid configuration:\n  ${publicKey ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'}: set both VAPID keys, or neither`,
      );
    }
    return checked({ publicKey, privateKey, subject }, 'VAPID_PUBLIC_KEY');
  }
  if (dataDir === null) {
    return { ...webpush.generateVAPIDKeys(), subject };
  }
  const file = join(dataDir, 'vapid-keys.json');
  if (existsSync(file)) {
    let kept: Partial<VapidKeys>;
    try {
      kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    } catch {
      kept = {};
    }
    if (typeof kept.publicKey !== 'string' || typeof kept.privateKey !== 'string') {
      throw new ConfigError(
        `Invalid configuration:\n  VAPID_PUBLIC_KEY: unset, and ${file} is damaged; restore it from your backup, ` +
          'or delete it (every device then turns push notifications on again)',
      );
    }
    return checked({ publicKey: kept.publicKey, privateKey: kept.privateKey, subject }, 'VAPID_PUBLIC_KEY');
  }
  mkdirSync(dataDir, { recursive: true });
  const generated = webpush.generateVAPIDKeys();
  try {
    writeFileSync(file, JSON.stringify(generated), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      // Another process on the same folder made them a moment ago: use theirs.
      return loadVapidKeys(env, dataDir);
    }
    throw error;
  }
  chmodSync(file, 0o600);
  return { ...generated, subject };
}

function checked(keys: VapidKeys, variable: string): VapidKeys {
  // A P-256 public key is 65 bytes (87 base64url characters), the private one 32 (43).
  if (
    !KEY.test(keys.publicKey) ||
    keys.publicKey.length !== 87 ||
    !KEY.test(keys.privateKey) ||
    keys.privateKey.length !== 43
  ) {
    throw new ConfigError(
      `Invalid configuration:\n  ${variable}: not a VAPID key pair (base64url, as web-push makes them)`,
    );
  }
  return keys;
}
