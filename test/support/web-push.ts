import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A browser's side of a push subscription: its ECDH key pair and auth secret (RFC 8291). */
export interface TestPushDevice {
  /** What the browser's `PushSubscription.toJSON()` gives, for `PUT /api/notifications/push`. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Every push the endpoint received, decrypted. */
  received: { headers: IncomingHttpHeaders; body: Buffer; text: string }[];
  close(): Promise<void>;
}

/**
 * A stand-in push service on 127.0.0.1: keeps every POST to its endpoint, answers 201, and
 * decrypts the payload as the browser would.
 */
export async function startPushDevice(): Promise<TestPushDevice> {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const received: TestPushDevice['received'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      let text: string;
      try {
        text = decryptAes128gcm(body, ecdh, auth);
      } catch (error) {
        text = `undecryptable: ${error instanceof Error ? error.message : String(error)}`;
      }
      received.push({ headers: request.headers, body, text });
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    subscription: {
      endpoint: `http://127.0.0.1:${port}/push/${randomBytes(8).toString('hex')}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    },
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function hmac(key: Buffer, ...data: Buffer[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of data) {
    mac.update(part);
  }
  return mac.digest();
}

/**
 * Decrypts a Web Push message body in the `aes128gcm` content coding (RFC 8188 framing, RFC 8291
 * keys): header = salt (16) | record size (4) | key id length (1) | key id (the sender's public
 * key); one record, whose plaintext ends with the delimiter 0x02 and optional zero padding.
 */
export function decryptAes128gcm(body: Buffer, receiver: ReturnType<typeof createECDH>, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = receiver.computeSecret(senderPublic);
  const receiverPublic = receiver.getPublicKey();
  // RFC 8291 §3.4: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || 0x00 || ua_public || as_public, 32)
  const prkKey = hmac(authSecret, shared);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  // RFC 8188 §2.2–2.3: PRK = HMAC(salt, IKM); CEK and NONCE from PRK.
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) {
    end -= 1;
  }
  if (padded[end] !== 2) {
    throw new Error('no last-record delimiter');
  }
  return padded.subarray(0, end).toString('utf8');
}
