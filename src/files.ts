/** Reading the user's files, with errors as one-line messages. */
import { readFileSync, statSync } from 'node:fs';
import { type Result, ok, err } from './result.js';

export function readInput(path: string, what = 'file'): Result<Uint8Array> {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return err(`${what} '${path}' is a directory`);
    return ok(new Uint8Array(readFileSync(path)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(`${what} '${path}' does not exist`);
    if (code === 'EACCES') return err(`${what} '${path}' cannot be read (permission denied)`);
    return err(`cannot read ${what} '${path}': ${(e as Error).message}`);
  }
}
