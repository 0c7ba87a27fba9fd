import { hash, verify, type Options } from '@node-rs/argon2';

// argon2id with OWASP's minimum parameters (19 MiB, two passes): about 50 ms here, off the main thread.
// (The package's Algorithm enum is const and cannot be imported here; 2 is Argon2id.)
const OPTIONS: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the account does not exist, so that an unknown name costs the same time as a wrong password.
const decoy = hashPassword('decoy password that matches nothing');

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(storedHash ?? (await decoy), password);
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}

/** A reason the password cannot be used, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
