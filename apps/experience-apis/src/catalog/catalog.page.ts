import type { CatalogApiVersionDto, CatalogIndexDto } from './catalog.dto.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Whether a browser asked for the page: text/html named before (or without) JSON in Accept. */
export function prefersHtml(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const html = types.indexOf('text/html');
  const json = types.indexOf('application/json');
  return html >= 0 && (json < 0 || html < json);
}

function lifecycle(version: CatalogApiVersionDto): string {
  if (version.lifecycle === 'active') return 'active';
  const dates = [version.deprecatedAt && `since ${version.deprecatedAt.slice(0, 10)}`, version.sunsetAt && `sunset ${version.sunsetAt.slice(0, 10)}`];
  return `<strong>deprecated</strong> (${dates.filter(Boolean).join(', ')}${version.successor ? `; use ${escape(version.successor)}` : ''})`;
}

/** The index as a page for people: the same content as the JSON, one table row per API version. */
export function renderCatalogPage(index: CatalogIndexDto): string {
  const rows = index.apis.flatMap((api) =>
    api.versions.map(
      (version) =>
        `<tr><td><strong>${escape(api.name)}</strong><br><small>${escape(api.audience)}</small></td><td>${escape(version.version)}</td>` +
        `<td><code>${escape(version.basePath ?? '')}</code></td><td>${lifecycle(version)}</td><td>` +
        version.links.map((link) => `<a href="${escape(link.href)}" title="${escape(link.title)}">${escape(link.rel)}</a>`).join(' · ') +
        '</td></tr>',
    ),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(index.title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}</style>
</head><body><h1>${escape(index.title)}</h1>
<p>The same as JSON: <a href="/catalog">/catalog</a> with <code>Accept: application/json</code>.</p>
<table><thead><tr><th>API</th><th>version</th><th>base path</th><th>lifecycle</th><th>links</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></body></html>
`;
}
