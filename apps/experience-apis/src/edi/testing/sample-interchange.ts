/** Builds 850 interchanges for tests and docs, as a trading partner's translator would. */

export interface SampleLine {
  readonly qty: number;
  readonly unit?: string;
  readonly price?: string;
  /** Our SKU (PO106 = VP) or the buyer's part number (PO106 = BP). */
  readonly vp?: string;
  readonly bp?: string;
  /** PO101; the line's position (1, 2, …) when absent. */
  readonly id?: string;
}

export interface SamplePurchaseOrder {
  readonly po: string;
  readonly lines: readonly SampleLine[];
  readonly st02?: string;
  readonly date?: string;
  readonly shipDate?: string;
  readonly shipToName?: string;
  readonly street?: string;
}

export interface SampleInterchange {
  readonly isa13?: string;
  readonly gs06?: string;
  readonly senderId?: string;
  readonly senderQualifier?: string;
  readonly receiverId?: string;
  readonly orders: readonly SamplePurchaseOrder[];
  /** Element separator, component separator (ISA16) and segment terminator; `*`, `>`, `~` by default. */
  readonly separators?: { readonly element: string; readonly component: string; readonly segment: string };
}

const pad = (value: string, width: number) => value.padEnd(width, ' ');

export function sample850Interchange(sample: SampleInterchange): string {
  const isa13 = sample.isa13 ?? '000000101';
  const gs06 = sample.gs06 ?? String(Number(isa13));
  const sender = sample.senderId ?? 'UMBRELLAMAINT';
  const receiver = sample.receiverId ?? 'DISTGATEWAY';
  const { element, component, segment } = sample.separators ?? { element: '*', component: '>', segment: '~' };
  // segments as element lists, joined with the partner's separators: data may hold * or ~ when those are not its separators
  const segments: string[][] = [
    [
      'ISA',
      '00',
      pad('', 10),
      '00',
      pad('', 10),
      sample.senderQualifier ?? 'ZZ',
      pad(sender, 15),
      'ZZ',
      pad(receiver, 15),
      '261125',
      '0930',
      'U',
      '00401',
      isa13,
      '0',
      'T',
      component,
    ],
    ['GS', 'PO', sender, receiver, '20261125', '0930', gs06, 'X', '004010'],
  ];
  sample.orders.forEach((order, index) => {
    const st02 = order.st02 ?? String(index + 1).padStart(4, '0');
    const body: string[][] = [
      ['BEG', '00', 'SA', order.po, '', order.date ?? '20261125'],
      ['REF', 'DP', '038'],
      ...(order.shipDate ? [['DTM', '010', order.shipDate]] : []),
      ['N1', 'ST', order.shipToName ?? 'Umbrella Atlanta DC', '92', '0042'],
      ['N3', order.street ?? '400 Peachtree Industrial Blvd'],
      ['N4', 'Atlanta', 'GA', '30303', 'US'],
      ...order.lines.map((line, i) => [
        'PO1',
        line.id ?? String(i + 1),
        String(line.qty),
        line.unit ?? 'EA',
        line.price ?? '',
        '',
        ...(line.vp !== undefined ? ['VP', line.vp] : ['BP', line.bp ?? '']),
      ]),
      ['CTT', String(order.lines.length)],
    ];
    segments.push(['ST', '850', st02], ...body, ['SE', String(body.length + 2), st02]);
  });
  segments.push(['GE', String(sample.orders.length), gs06], ['IEA', '1', isa13]);
  return segments.map((s) => `${s.join(element)}${segment}`).join('\n');
}
