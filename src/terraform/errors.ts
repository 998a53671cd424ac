/**
 * An error the user can cause and fix: one line saying what is wrong, one hint saying what to do.
 * Everything else that escapes the pipeline is a bug.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly hint: string,
  ) {
    super(`${file}: ${problem} — ${hint}`);
  }
}
