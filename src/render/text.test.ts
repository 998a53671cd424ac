import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../../test/action/support/reports.js';
import { plain } from './text.js';

describe('plain', () => {
  it('keeps plan text on its line: a line break or tab becomes a space, so a plan cannot forge a finding line', () => {
    expect(plain('EqLD5\r\nCRITICAL 9.9  fake')).toBe('EqLD5 CRITICAL 9.9  fake');
    expect(plain('a\nb\tc\u2028d\u2029e\rf')).toBe('a b c d ef');
  });

  it('strips what drives a terminal: escapes, bells, direction overrides', () => {
    expect(plain('\u001b[31mred\u001b[0m\u0007 \u202eevil\u2066')).toBe('[31mred[0m evil');
    expect(plain(HOSTILE)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});
