/**
 * A minimal success-or-error value.
 *
 * Host modules that parse untrusted input (ELF files, device trees, ...)
 * return a Result instead of throwing, so callers are forced to look at the
 * failure case and can show `error` to the user verbatim. Errors are plain
 * one-line strings on purpose: they are messages for people, not for code.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

// Returns Result<never> so it is assignable to any Result<T>.
export function err(error: string): Result<never> {
  return { ok: false, error };
}
