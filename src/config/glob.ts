/**
 * Address globs, as in `.weaklink.yml`: `*` matches within one step of an address (no `.`), `**` matches across
 * steps, `?` matches one character of a step; everything else is literal (brackets and quotes of instance keys too).
 * `module.app.**` covers everything in a module; `aws_security_group.*` every group of the root module.
 */
export function compileGlob(pattern: string): (text: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^.]*';
    else if (c === '?') source += '[^.]';
    else source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 's');
  return (text) => re.test(text);
}
