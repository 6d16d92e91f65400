import { Injectable } from '@nestjs/common';
import { NotFoundError, readShippedDoc } from '@platform';
import { DEFAULT_B2B_VERSION_POLICY, type B2bVersionPolicy } from '../b2b/versioning/b2b-versions.js';
import { ExperienceApisConfig } from '../experience.config.js';
import type { CatalogApiDto, CatalogApiVersionDto, CatalogIndexDto, CatalogLinkDto } from './catalog.dto.js';

/** Where this app serves its documents (SwaggerModule.setup in libs/platform, CatalogController). */
const OPENAPI_URL = '/docs/json';
const SWAGGER_UI_URL = '/docs';
const ASYNCAPI_URL = '/catalog/asyncapi.json';
const GUIDES_URL = '/catalog/guides';

/** The guides this app serves from docs/, by name (`/catalog/guides/<name>` is docs/<name>.md). */
export const CATALOG_GUIDES = {
  'b2b-partners': 'The partner API with worked examples, rate limits and their headers',
  webhooks: 'Webhook subscriptions, the events and their bodies, signatures, retries and redelivery',
  edi: 'EDI trading partners: X12 850 in, 997, 855, 856 and 810 out, with a sample interchange',
  crm: 'The CRM API: account onboarding into the ERP, the order 360 view',
  operations: 'Operations: the admin API, metrics, reconciliation, tracing',
  catalog: 'How the catalog is made, linted and checked; what counts as a breaking change',
} as const;
export type CatalogGuide = keyof typeof CATALOG_GUIDES;

interface ApiEntry {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly audience: string;
  readonly guides: readonly CatalogGuide[];
  /**
   * Each version with its base path and the OpenAPI tag of its operations (experienceDocs.catalog.tags). One with a
   * successor is deprecated, on the dates of the B2B version policy (the only deprecated version so far: B2B v1).
   */
  readonly versions: readonly { readonly version: string; readonly basePath: string; readonly tag: string; readonly successor?: string }[];
}

/** The experience layer's APIs, as the controllers serve them; the event catalog is added from its document. */
const APIS: readonly ApiEntry[] = [
  {
    id: 'b2b',
    name: 'B2B partner API',
    description: 'Catalog, availability, quotes, idempotent orders and cancels, invoices, shipments and signed webhook subscriptions.',
    audience: 'B2B partners (OAuth2 client credentials, scope b2b)',
    guides: ['b2b-partners', 'webhooks'],
    versions: [
      { version: 'v1', basePath: '/b2b/v1', tag: 'b2b v1', successor: 'v2' },
      { version: 'v2', basePath: '/b2b/v2', tag: 'b2b v2' },
    ],
  },
  {
    id: 'edi',
    name: 'EDI (ANSI X12 004010)',
    description: 'Interchanges in (850 purchase orders, 997 acknowledgments) and the documents generated for them (997, 855, 856, 810).',
    audience: 'EDI trading partners and their VANs (OAuth2 client credentials, scope b2b)',
    guides: ['edi'],
    versions: [{ version: 'v1', basePath: '/edi/v1', tag: 'edi v1' }],
  },
  {
    id: 'crm',
    name: 'CRM API',
    description: 'Account onboarding into the ERP and an order 360 view per account.',
    audience: 'CRM systems (OAuth2 client credentials, scope crm)',
    guides: ['crm'],
    versions: [{ version: 'v1', basePath: '/crm/v1', tag: 'crm v1' }],
  },
  {
    id: 'ops',
    name: 'Operations API',
    description: 'API clients and their secrets, signing keys, the security audit log, failed webhook deliveries, EDI trading partners and outbound documents.',
    audience: 'Operators (OAuth2 client credentials, scope ops)',
    guides: ['operations'],
    versions: [{ version: 'v1', basePath: '/ops/v1', tag: 'ops' }],
  },
];

/** The AsyncAPI document, as far as the index reads it. */
interface EventCatalog {
  readonly info: { readonly title: string; readonly version: string };
}

const link = (rel: CatalogLinkDto['rel'], href: string, type: string, title: string): CatalogLinkDto => ({ rel, href, type, title });
const guideLinks = (guides: readonly CatalogGuide[]) => guides.map((guide) => link('guide', `${GUIDES_URL}/${guide}`, 'text/markdown', CATALOG_GUIDES[guide]));

/**
 * The catalog partners and integrators start from: the APIs of this edge with their versions and
 * lifecycle (B2B v1's dates are the ones its Deprecation and Sunset headers carry), the OpenAPI and
 * AsyncAPI documents, and the guides.
 */
@Injectable()
export class CatalogService {
  private readonly versions: B2bVersionPolicy;
  private events?: EventCatalog;

  constructor(config: ExperienceApisConfig) {
    this.versions = config.b2bVersions ?? DEFAULT_B2B_VERSION_POLICY;
  }

  /** The event catalog, generated at start-up from the contracts by the same code as openapi/asyncapi.json (experience.app.ts). */
  useEventCatalog(document: object): void {
    this.events = document as EventCatalog;
  }

  eventCatalog(): EventCatalog {
    // a wiring bug, not a caller's: createExperienceApp always hands it over
    if (!this.events) throw new Error('The event catalog was not handed to CatalogService at start-up.');
    return this.events;
  }

  index(): CatalogIndexDto {
    const apis: CatalogApiDto[] = APIS.map((api) => ({
      id: api.id,
      name: api.name,
      description: api.description,
      audience: api.audience,
      versions: api.versions.map((version) => this.openApiVersion(api, version)),
    }));
    const { info } = this.eventCatalog();
    apis.push({
      id: 'events',
      name: info.title,
      description: 'The webhooks partners receive (body, headers, signature) and the events on the bus between the layers, as AsyncAPI 2.6.',
      audience: 'B2B partners receiving webhooks; integrators of the layers',
      versions: [
        {
          version: info.version,
          basePath: null,
          lifecycle: 'active',
          deprecatedAt: null,
          sunsetAt: null,
          successor: null,
          links: [link('asyncapi', ASYNCAPI_URL, 'application/json', 'AsyncAPI 2.6 document: webhooks and bus events'), ...guideLinks(['webhooks'])],
        },
      ],
    });
    return { version: '1', title: 'Distribution gateway API catalog', apis };
  }

  guide(name: string): Promise<string> {
    if (!Object.hasOwn(CATALOG_GUIDES, name)) throw new NotFoundError('CATALOG.GUIDE_NOT_FOUND', `No guide ${name}; the index lists them.`);
    return readShippedDoc(`${name}.md`);
  }

  private openApiVersion(api: ApiEntry, { version, basePath, tag, successor }: ApiEntry['versions'][number]): CatalogApiVersionDto {
    const links = [
      link('openapi', OPENAPI_URL, 'application/json', `OpenAPI 3 document of the experience APIs (operations tagged "${tag}")`),
      link('reference', `${SWAGGER_UI_URL}#/${encodeURIComponent(tag)}`, 'text/html', `${api.name} ${version} in the API reference`),
      ...guideLinks(api.guides),
    ];
    if (!successor) return { version, basePath, lifecycle: 'active', deprecatedAt: null, sunsetAt: null, successor: null, links };
    // the dates V1DeprecationInterceptor sends in the Deprecation and Sunset headers
    return {
      version,
      basePath,
      lifecycle: 'deprecated',
      deprecatedAt: this.versions.v1DeprecatedAt.toISOString(),
      sunsetAt: this.versions.v1SunsetAt.toISOString(),
      successor,
      links: [...links, link('deprecation', this.versions.migrationGuideUrl, 'text/markdown', `Moving from ${api.name} ${version} to ${successor}`)],
    };
  }
}
