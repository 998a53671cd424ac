import { describe, expect, it } from 'vitest';
import { command, escapeData, escapeProperty, outputEntry } from './commands.js';

describe('workflow commands', () => {
  it('escape as the runner reads them: one command per line, properties ended only by , and ::', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('weaklink high: a, b')).toBe('weaklink high%3A a%2C b');
    expect(command('error', { title: 'weaklink critical: x', file: 'main.tf', line: 2 }, 'line one\n::warning::forged')).toBe(
      '::error title=weaklink critical%3A x,file=main.tf,line=2::line one%0A::warning::forged',
    );
  });

  it('leave out empty properties, and write no property list at all when none is left', () => {
    expect(command('warning', { title: '', file: undefined, line: 0 }, 'm')).toBe('::warning::m');
    expect(command('add-mask', {}, 's3cr3t')).toBe('::add-mask::s3cr3t');
  });

  it('write an output entry that a value cannot end early', () => {
    expect(outputEntry('findings', '3\nname<<x', 'ghadelimiter_fixed')).toBe('findings<<ghadelimiter_fixed\n3\nname<<x\nghadelimiter_fixed\n');
    expect(() => outputEntry('findings', 'a\nghadelimiter_fixed\nb', 'ghadelimiter_fixed')).toThrow(/delimiter/);
    const random = outputEntry('n', 'v');
    expect(random).toMatch(/^n<<ghadelimiter_[0-9a-f-]{36}\nv\nghadelimiter_[0-9a-f-]{36}\n$/);
    expect(outputEntry('n', 'v')).not.toBe(random);
  });
});
