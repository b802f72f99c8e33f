// The desktop app's machine credential (issue 14: a machine enrolled to a hub), kept encrypted with
// Electron's safeStorage (the OS keychain: DPAPI, Keychain, libsecret/kwallet) in one file of the
// user-data folder, readable by its owner only. Never the bootstrap token: enrolment replaces it.
// (The client role that presents it to a hub is issue 14's next part; this is where it lives.)
import { safeStorage } from 'electron';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'machine-credential.bin';

/** Stores the credential; refuses where the OS offers no encryption rather than keep it in clear. */
export function saveMachineCredential(userData: string, credential: string): void {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('no OS encryption for the machine credential (safeStorage): not stored');
  const path = join(userData, FILE);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, safeStorage.encryptString(credential), { mode: 0o600 });
  renameSync(tmp, path);
}

/** The stored credential, or null when there is none or it cannot be decrypted (another user, another machine). */
export function loadMachineCredential(userData: string): string | null {
  try {
    return safeStorage.decryptString(readFileSync(join(userData, FILE)));
  } catch {
    return null;
  }
}

/** Forgets the credential (the machine was revoked, or is enrolled anew). */
export function forgetMachineCredential(userData: string): void {
  rmSync(join(userData, FILE), { force: true });
}
