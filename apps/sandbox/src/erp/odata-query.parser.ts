/** The subset of OData v2 query options the sandbox ERP understands, parsed strictly so mistakes surface as 400s. */
export class ODataQueryError extends Error {}

export type FilterValue = string | number | boolean | null;

export interface FilterTerm {
  readonly field: string;
  readonly value: FilterValue;
}

export interface ODataQuery {
  readonly filter: readonly FilterTerm[];
  readonly top?: number;
  readonly skip: number;
  readonly expand: readonly string[];
  readonly inlineCount: boolean;
}

type Token = { kind: '(' | ')' } | { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'word'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  // Alternatives: parentheses, a quoted string ('' escapes a quote), a number (optional Edm suffix), a word.
  const pattern = /\s*(?:(\()|(\))|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)[mMdDlLfF]?(?![\w'])|([A-Za-z_][\w/.]*))/y;
  let position = 0;
  while (position < input.length) {
    if (/^\s+$/.test(input.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(input);
    if (!match) throw new ODataQueryError(`Invalid $filter near '${input.slice(position).trim()}'`);
    position = pattern.lastIndex;
    if (match[1]) tokens.push({ kind: '(' });
    else if (match[2]) tokens.push({ kind: ')' });
    else if (match[3] !== undefined) tokens.push({ kind: 'string', text: match[3].replace(/''/g, "'") });
    else if (match[4] !== undefined) tokens.push({ kind: 'number', value: Number(match[4]) });
    else tokens.push({ kind: 'word', text: match[5]! });
  }
  return tokens;
}

/** Parses `Field eq 'value'` terms joined by `and` (parentheses allowed); anything else is a clear error. */
export function parseFilter(input: string): FilterTerm[] {
  const tokens = tokenize(input);
  let index = 0;
  const peek = () => tokens[index];
  const unsupported = (what: string) => new ODataQueryError(`Unsupported $filter ${what}: the sandbox accepts only 'Field eq value' terms joined by 'and'`);

  const parseExpression = (): FilterTerm[] => {
    const terms = parseTerm();
    for (let token = peek(); token?.kind === 'word'; token = peek()) {
      if (token.text !== 'and') throw unsupported(`operator '${token.text}'`);
      index++;
      terms.push(...parseTerm());
    }
    return terms;
  };

  const parseTerm = (): FilterTerm[] => {
    const token = tokens[index++];
    if (token?.kind === '(') {
      const terms = parseExpression();
      if (tokens[index++]?.kind !== ')') throw new ODataQueryError("Invalid $filter: missing ')'");
      return terms;
    }
    if (token?.kind !== 'word' || ['and', 'or', 'not', 'eq'].includes(token.text)) throw new ODataQueryError('Invalid $filter: expected a property name');
    const operator = tokens[index++];
    if (operator?.kind !== 'word') throw new ODataQueryError(`Invalid $filter: expected an operator after '${token.text}'`);
    if (operator.text !== 'eq') throw unsupported(`operator '${operator.text}'`);
    return [{ field: token.text, value: parseLiteral(tokens[index++]) }];
  };

  const parseLiteral = (token: Token | undefined): FilterValue => {
    if (token?.kind === 'string') return token.text;
    if (token?.kind === 'number') return token.value;
    if (token?.kind === 'word' && token.text === 'true') return true;
    if (token?.kind === 'word' && token.text === 'false') return false;
    if (token?.kind === 'word' && token.text === 'null') return null;
    throw new ODataQueryError('Invalid $filter: expected a literal value after eq');
  };

  if (tokens.length === 0) return [];
  const terms = parseExpression();
  if (index < tokens.length) throw new ODataQueryError('Invalid $filter: unexpected trailing input');
  return terms;
}

function nonNegativeInt(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new ODataQueryError(`Invalid ${name}: expected a non-negative integer`);
  return Number(value);
}

/** Reads $filter, $top, $skip, $expand and $inlinecount; other system query options ($select, $format, ...) are ignored. */
export function parseODataQuery(query: Record<string, unknown>): ODataQuery {
  const filter = query.$filter;
  const expand = query.$expand;
  if (filter !== undefined && typeof filter !== 'string') throw new ODataQueryError('Invalid $filter: give it once');
  if (expand !== undefined && typeof expand !== 'string') throw new ODataQueryError('Invalid $expand: give it once');
  const inlineCount = query.$inlinecount;
  if (inlineCount !== undefined && inlineCount !== 'allpages' && inlineCount !== 'none')
    throw new ODataQueryError("Invalid $inlinecount: expected 'allpages' or 'none'");
  return {
    filter: filter ? parseFilter(filter) : [],
    top: nonNegativeInt('$top', query.$top),
    skip: nonNegativeInt('$skip', query.$skip) ?? 0,
    expand: expand
      ? expand
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [],
    inlineCount: inlineCount === 'allpages',
  };
}

/** Whether an entity satisfies all terms; decimal strings compare numerically against number literals. */
export function matchesFilter(row: Readonly<Record<string, unknown>>, terms: readonly FilterTerm[]): boolean {
  return terms.every(({ field, value }) => {
    const actual = row[field];
    if (value === null) return actual === null || actual === undefined || actual === '';
    if (typeof value === 'number') return typeof actual !== 'boolean' && actual !== '' && Number(actual) === value;
    return actual === value;
  });
}

/** Filters then pages; `count` is the number of matches before paging ($inlinecount). */
export function applyODataQuery<T extends object>(rows: readonly T[], query: ODataQuery, fields: readonly string[]): { rows: T[]; count: number } {
  for (const term of query.filter) {
    if (!fields.includes(term.field)) throw new ODataQueryError(`Property '${term.field}' is not defined for this entity type`);
  }
  const matching = rows.filter((row) => matchesFilter(row as Record<string, unknown>, query.filter));
  const end = query.top === undefined ? undefined : query.skip + query.top;
  return { rows: matching.slice(query.skip, end), count: matching.length };
}

/** Splits a resource path segment such as `A_Customer('10100001')` or `A_Customer(Customer='1')` into set and key. */
export function parseEntitySegment(segment: string): { set: string; key?: string } {
  const match = /^([A-Za-z_]\w*)(?:\((?:\w+=)?'((?:[^']|'')*)'\))?$/.exec(segment);
  if (!match) throw new ODataQueryError(`Invalid resource path segment '${segment}'`);
  return { set: match[1]!, key: match[2]?.replace(/''/g, "'") };
}
