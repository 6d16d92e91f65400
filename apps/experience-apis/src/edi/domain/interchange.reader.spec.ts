import { describe, expect, it } from '@jest/globals';
import { sample850Interchange } from '../testing/sample-interchange.js';
import { readInterchange, type ReadInterchange, type RejectedInterchange } from './interchange.reader.js';

const twoOrders = () =>
  sample850Interchange({
    orders: [
      {
        po: 'PO-1',
        lines: [
          { qty: 2, vp: 'SKU-1020' },
          { qty: 1, unit: 'CA', bp: 'UMB-DEGR-05' },
        ],
      },
      { po: 'PO-2', lines: [{ qty: 5, vp: 'SKU-1021' }] },
    ],
  });

const accepted = (text: string) => {
  const read = readInterchange(text);
  if (!read.ok) throw new Error(`rejected: ${read.note} ${read.detail}`);
  return read as ReadInterchange;
};
const rejected = (text: string) => {
  const read = readInterchange(text);
  if (read.ok) throw new Error('accepted');
  return read as RejectedInterchange;
};

describe('readInterchange', () => {
  it('reads separators from the ISA and splits groups and sets, newlines after terminators tolerated', () => {
    const read = accepted(twoOrders());
    expect(read.separators).toEqual({ element: '*', component: '>', segment: '~' });
    expect(read.header).toMatchObject({ senderQualifier: 'ZZ', senderId: 'UMBRELLAMAINT', receiverId: 'DISTGATEWAY', controlNumber: '000000101' });
    expect(read.groups).toHaveLength(1);
    expect(read.groups[0]).toMatchObject({ functionalId: 'PO', controlNumber: '101', declaredSets: 2, errors: [] });
    expect(read.groups[0].sets.map((s) => [s.id, s.controlNumber, s.segments.length, s.errors])).toEqual([
      ['850', '0001', 10, []],
      ['850', '0002', 9, []],
    ]);
  });

  it('uses whatever separators the sender chose', () => {
    const text = twoOrders().replaceAll('*', '|').replace(/~\n?/g, '\n').replace('|>\n', '|:\n');
    const read = accepted(text);
    expect(read.separators).toEqual({ element: '|', component: ':', segment: '\n' });
    expect(read.groups[0].sets).toHaveLength(2);
  });

  it('refuses an ISA that is not 106 characters, naming the field that has the wrong width', () => {
    const short = twoOrders().replace('UMBRELLAMAINT  *', 'UMBRELLAMAINT*');
    expect(rejected(short)).toMatchObject({ note: '006', header: { controlNumber: '000000101' } });
    expect(rejected(twoOrders().replace('*000000101*', '*00000101*')).note).toBe('018');
    expect(rejected(twoOrders().replace('*261125*', '*2611250*')).note).toBe('014');
  });

  it('refuses IEA02 other than ISA13 (001), a wrong IEA01 group count (021), a missing IEA (023)', () => {
    expect(rejected(twoOrders().replace('IEA*1*000000101', 'IEA*1*000000102'))).toMatchObject({ note: '001' });
    expect(rejected(twoOrders().replace('IEA*1*', 'IEA*2*')).note).toBe('021');
    expect(rejected(twoOrders().replace(/IEA\*1\*000000101~\s*$/, '')).note).toBe('023');
  });

  it('refuses unsupported versions and invalid ISA values', () => {
    expect(rejected(twoOrders().replace('*U*00401*', '*U*00501*')).note).toBe('003');
    expect(rejected(twoOrders().replace('*0*T*>', '*0*X*>')).note).toBe('020');
    expect(rejected(twoOrders().replace('*0*T*>', '*2*T*>')).note).toBe('019');
    expect(rejected(twoOrders().replace('*U*00401*', '*^*00401*')).note).toBe('016');
  });

  it('refuses segments outside a set or group', () => {
    expect(rejected(twoOrders().replace('GS*PO', 'XX*1~\nGS*PO')).note).toBe('024');
    expect(rejected(twoOrders().replace(/GS\*PO[^~]*~\n/, '')).note).toBe('024');
  });

  it('keeps set and group faults for the 997: SE01 count, SE02, GE01, GE02, duplicate ST02', () => {
    const text = twoOrders().replace('SE*10*0001', 'SE*12*0001').replace('SE*9*0002', 'SE*9*0009');
    const sets = accepted(text).groups[0].sets;
    expect(sets.map((s) => s.errors)).toEqual([['4'], ['3']]);
    expect(accepted(twoOrders().replace('GE*2*101', 'GE*3*101')).groups[0].errors).toEqual(['5']);
    expect(accepted(twoOrders().replace('GE*2*101', 'GE*2*102')).groups[0].errors).toEqual(['4']);
    const duplicate = twoOrders().replace('ST*850*0002', 'ST*850*0001').replace('SE*9*0002', 'SE*9*0001');
    expect(accepted(duplicate).groups[0].sets[1].errors).toEqual(['23']);
    const noSe = twoOrders().replace(/SE\*10\*0001~\n/, '');
    expect(accepted(noSe).groups[0].sets[0].errors).toEqual(['2']);
  });

  it('throws on a body that is no interchange at all', () => {
    expect(() => readInterchange('hello')).toThrow('ISA');
  });
});
