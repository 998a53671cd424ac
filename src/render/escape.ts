/**
 * Everything a plan carries (addresses, names, tags, descriptions, messages built from them) passes through here
 * before it reaches Markdown that GitHub renders. The rules: no raw HTML, nothing that opens or closes an HTML
 * comment, no @mention or #reference that notifies anyone, no autolink to a host we did not choose, no line break
 * that ends a list item or a table row, no `|` that splits a cell, no backtick run that ends a code span.
 */

const ZWSP = '\u200b';

/** Control characters, and the bidirectional overrides that make text read other than it is. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n|[\r\n\t\u2028\u2029\u0085]/g;

/**
 * Defuses what GitHub turns into notifications or links even where Markdown has no say (code spans aside):
 * `@user`, `@org/team`, `#123`, `GH-123`, `https://…`, `www.…`, `user@host`; and breaks up `<!--`/`-->`.
 * A zero-width space keeps the text readable.
 */
function defuse(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(LINE_BREAKS, ' ')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
    .replace(/<!--/g, `<!${ZWSP}--`)
    .replace(/--(!?)>/g, `--${ZWSP}$1>`);
}

/**
 * The punctuation that means something inline: code, emphasis, links and images (`[` `]`, so `!` and `(` mean
 * nothing after them), strikethrough, `$…$` math (GitHub renders it), `|` (table cells) and the escape itself.
 * What matters only at the start of a line (`#`, `-`, `1.`, `>`) is left: plan text never starts a line here.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~$]/g;

/**
 * Plan-borne text as inline Markdown: safe in a paragraph, a list item and a table cell. HTML-significant
 * characters become entities (so no tag, comment or entity of the plan's own survives), Markdown punctuation is
 * backslash-escaped, and notifications and autolinks are defused.
 */
export function escapeMarkdown(text: string): string {
  return defuse(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/**
 * Plan-borne text as a code span (addresses read best so). The fence is one backtick longer than the longest run
 * inside, so nothing closes it early. Not for table cells: GFM splits a row on `|` even inside a code span
 * (use escapeMarkdown there).
 */
export function escapeCode(text: string): string {
  const body = defuse(text);
  // `<`, `>` and `&` read literally in a code span, but a body with no raw `<` at all is easier to check (the
  // workflow_run side checks exactly that): such text goes out escaped instead, in plain type.
  if (/[<>&]/.test(body)) return escapeMarkdown(text);
  if (body.trim() === '') return '*(empty)*';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Prose that mixes plan-borne words with code spans the rules write in backticks (`multi_az = true`): each
 * backtick-delimited span becomes a code span (escapeCode), everything else escapeMarkdown. Every piece goes
 * through one of the two, so a backtick a plan smuggles in can at worst pair with another into a code span of
 * plain text, never open Markdown, HTML or a notification.
 */
export function escapeProse(text: string): string {
  let out = '';
  let last = 0;
  // A span as the rules write one: no space just inside the backticks (which also keeps blank spans out).
  for (const m of text.matchAll(/`([^`\s](?:[^`]*[^`\s])?)`/g)) {
    out += escapeMarkdown(text.slice(last, m.index)) + escapeCode(m[1]!);
    last = m.index + m[0].length;
  }
  return out + escapeMarkdown(text.slice(last));
}

/**
 * A fenced block (the Mermaid diagram): the fence is longer than any backtick run inside, so the content cannot
 * end it and write Markdown of its own. Control characters are dropped. The diagram's author keeps `<`, `@` and
 * URLs out of labels (a comment posted from an artifact is refused with them).
 */
export function fencedBlock(language: string, content: string): string {
  // Inside the fence `-->` is a Mermaid arrow and closes nothing: only the fence itself must hold.
  const body = content.replace(INVISIBLE, '').replace(/\r\n?/g, '\n');
  const longest = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

/**
 * A link whose target we built: it is emitted only when the URL starts with one of `allowed` (our own hosts and
 * paths) and carries no character that could end the link early; otherwise the text stands alone.
 */
export function link(text: string, url: string, allowed: readonly string[]): string {
  const label = escapeMarkdown(text);
  const safe = /^https:\/\/[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+$/.test(url) && !/[()[\]<>\s"`]/.test(url);
  if (!safe || !allowed.some((prefix) => prefix.length > 0 && url.startsWith(prefix))) return label;
  return `[${label}](${url})`;
}

/** A path (from the repository, never the plan) as a URL path: each segment percent-encoded. */
export function urlPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** A value inside our hidden marker comment: nothing but `[A-Za-z0-9._~/-]` and percent escapes, so never `-->`. */
export function markerValue(text: string): string {
  return text.replace(/[^A-Za-z0-9._~/-]/gu, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  ).replace(/--/g, '-%2D');
}

/** Reverses markerValue. */
export function unmarkerValue(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
