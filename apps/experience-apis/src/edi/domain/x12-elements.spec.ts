import { describe, expect, it } from '@jest/globals';
import { isWritableAsIs, toBasicText, writableElement, X12WriteError } from './x12-elements.js';
import { segment, writeSegment } from './x12.js';

const ours = { element: '*', component: '>', segment: '~', repetition: '^' };

describe('X12 element rules on what we write', () => {
  it('keeps basic-set text without our separators as it is, and converts anything else to basic text', () => {
    expect(isWritableAsIs('PO-2026/001 A.B', ours)).toBe(true);
    expect(isWritableAsIs('PO*1', ours)).toBe(false);
    expect(isWritableAsIs('po-1', ours)).toBe(false);
    expect(isWritableAsIs('PO*1', { element: '|', component: '^', segment: "'" })).toBe(true);
    expect(toBasicText('Crème  brûlée*Co ~#5', ours)).toBe('CREME BRULEE CO 5');
  });

  it('cuts AN to its maximum and pads it to its minimum; refuses numbers, dates and times it cannot write faithfully', () => {
    expect(writableElement('N1', 2, 'a'.repeat(70), ours)).toBe('A'.repeat(60));
    expect(writableElement('TD5', 3, 'X', ours)).toBe('X ');
    expect(writableElement('SN1', 2, '1.5', ours)).toBe('1.5');
    expect(() => writableElement('SN1', 2, '12345678901', ours)).toThrow(X12WriteError);
    expect(() => writableElement('CTT', 1, '1.5', ours)).toThrow(X12WriteError);
    expect(() => writableElement('DTM', 2, '2026-11-25', ours)).toThrow(X12WriteError);
    expect(() => writableElement('N1', 9, 'X', ours)).toThrow(/N109 is not an element we write/);
    expect(() => writeSegment(segment('ZZZ', 'X'), ours)).toThrow(X12WriteError);
  });

  it('drops elements left empty by the conversion at the end of a segment', () => {
    expect(writeSegment(segment('REF', 'CN', '~~'), ours)).toBe('REF*CN~');
  });
});
