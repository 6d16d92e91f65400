import { ApiProperty } from '@nestjs/swagger';

export const API_LIFECYCLES = ['active', 'deprecated'] as const;
export type ApiLifecycle = (typeof API_LIFECYCLES)[number];

export const CATALOG_LINK_RELATIONS = ['openapi', 'asyncapi', 'reference', 'guide', 'deprecation'] as const;
export type CatalogLinkRelation = (typeof CATALOG_LINK_RELATIONS)[number];

export class CatalogLinkDto {
  @ApiProperty({
    enum: CATALOG_LINK_RELATIONS,
    example: 'openapi',
    description:
      'openapi / asyncapi: the machine-readable document; reference: its rendering (Swagger UI, at the operations of this version); guide: a how-to (Markdown); deprecation: the migration note of a deprecated version.',
  })
  readonly rel!: CatalogLinkRelation;

  @ApiProperty({ example: '/docs/json', description: 'Relative to this server, unless absolute.' })
  readonly href!: string;

  @ApiProperty({ example: 'application/json' })
  readonly type!: string;

  @ApiProperty({ example: 'OpenAPI 3 document of the experience APIs (operations tagged "b2b v2")' })
  readonly title!: string;
}

export class CatalogApiVersionDto {
  @ApiProperty({ example: 'v2' })
  readonly version!: string;

  @ApiProperty({ type: String, nullable: true, example: '/b2b/v2', description: 'Where its operations are; null for the event catalog.' })
  readonly basePath!: string | null;

  @ApiProperty({
    enum: API_LIFECYCLES,
    example: 'active',
    description: 'deprecated: still served until sunsetAt; its answers carry Deprecation and Sunset headers.',
  })
  readonly lifecycle!: ApiLifecycle;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'When it was (or becomes) deprecated: the Deprecation header.',
  })
  readonly deprecatedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'After this it may stop answering: the Sunset header.' })
  readonly sunsetAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The version to move to, when deprecated.' })
  readonly successor!: string | null;

  @ApiProperty({ type: [CatalogLinkDto] })
  readonly links!: CatalogLinkDto[];
}

export class CatalogApiDto {
  @ApiProperty({ example: 'b2b' })
  readonly id!: string;

  @ApiProperty({ example: 'B2B partner API' })
  readonly name!: string;

  @ApiProperty({ example: 'Catalog, availability, quotes, idempotent orders and cancels, invoices, shipments, signed webhooks.' })
  readonly description!: string;

  @ApiProperty({ example: 'partners', description: 'Who calls it, and with which OAuth2 scope when it needs one.' })
  readonly audience!: string;

  @ApiProperty({ type: [CatalogApiVersionDto], description: 'Newest last.' })
  readonly versions!: CatalogApiVersionDto[];
}

/** The index of the catalog: each API of this edge with its versions, lifecycle and links. */
export class CatalogIndexDto {
  @ApiProperty({ example: '1', description: 'Version of this index: fields are only ever added within it.' })
  readonly version!: string;

  @ApiProperty({ example: 'Distribution gateway API catalog' })
  readonly title!: string;

  @ApiProperty({ type: [CatalogApiDto] })
  readonly apis!: CatalogApiDto[];
}
