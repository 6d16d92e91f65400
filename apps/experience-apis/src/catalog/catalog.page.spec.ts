import { describe, expect, it } from '@jest/globals';
import { prefersHtml, renderCatalogPage } from './catalog.page.js';

describe('the catalog page', () => {
  it('is chosen when a browser asks for HTML first, JSON otherwise', () => {
    expect(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(prefersHtml('application/json, text/html')).toBe(false);
    expect(prefersHtml('text/html;q=0.9, application/json')).toBe(true);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
  });

  it('shows each version with its lifecycle and links, escaped', () => {
    const page = renderCatalogPage({
      version: '1',
      title: 'Catalog <test>',
      apis: [
        {
          id: 'b2b',
          name: 'B2B & co',
          description: 'd',
          audience: 'partners',
          versions: [
            {
              version: 'v1',
              basePath: '/b2b/v1',
              lifecycle: 'deprecated',
              deprecatedAt: '2026-12-01T00:00:00.000Z',
              sunsetAt: '2027-06-30T00:00:00.000Z',
              successor: 'v2',
              links: [{ rel: 'openapi', href: '/docs/json?a=1&b="2"', type: 'application/json', title: 'OpenAPI' }],
            },
          ],
        },
      ],
    });
    expect(page).toContain('<title>Catalog &#60;test&#62;</title>');
    expect(page).toContain('B2B &#38; co');
    expect(page).toContain('<strong>deprecated</strong> (since 2026-12-01, sunset 2027-06-30; use v2)');
    expect(page).toContain('<a href="/docs/json?a=1&#38;b=&#34;2&#34;" title="OpenAPI">openapi</a>');
  });
});
