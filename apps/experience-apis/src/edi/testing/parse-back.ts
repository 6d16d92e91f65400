import x12 from 'node-x12';

/** A document as node-x12 reads it: an independent reader for what our builders write. */
export interface ParsedBack {
  readonly isa: string[];
  readonly iea: string[];
  readonly gs: string[];
  readonly ge: string[];
  readonly sets: { readonly st: string[]; readonly se: string[]; readonly segments: { readonly tag: string; readonly elements: string[] }[] }[];
  readonly separators: { readonly element: string; readonly segment: string; readonly component: string };
}

const values = (segment: { elements: { value: string }[] }) => segment.elements.map((e) => e.value);

/**
 * Parses an interchange with node-x12 in strict mode (it checks ISA length, SE01, GE/IEA
 * counts and control numbers). Note: node-x12 reads ISA13 as a number (000000012 -> 12).
 */
export function parseBack(raw: string): ParsedBack {
  const interchange = new x12.X12Parser(true).parse(raw) as InstanceType<typeof x12.X12Interchange>;
  const group = interchange.functionalGroups[0];
  return {
    isa: values(interchange.header),
    iea: values(interchange.trailer),
    gs: values(group.header),
    ge: values(group.trailer),
    sets: group.transactions.map((t) => ({
      st: values(t.header),
      se: values(t.trailer),
      segments: t.segments.map((s) => ({ tag: s.tag, elements: values(s) })),
    })),
    separators: { element: interchange.elementDelimiter, segment: interchange.segmentTerminator, component: interchange.options.subElementDelimiter! },
  };
}
