import { Controller, Get, Header, Headers, Param, Res } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CatalogIndexDto } from './catalog.dto.js';
import { prefersHtml, renderCatalogPage } from './catalog.page.js';
import { CATALOG_GUIDES, CatalogService } from './catalog.service.js';

/** The catalog's index, the event catalog and the guides: public, like /docs (they hold no data). */
@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Header('cache-control', 'public, max-age=300')
  @Header('vary', 'accept')
  @ApiOperation({
    summary:
      'The API catalog: each API with its versions, lifecycle (sunset dates), documents and guides; no token needed. JSON, or a page for Accept: text/html.',
  })
  @ApiExtraModels(CatalogIndexDto)
  @ApiOkResponse({
    description: 'The index: JSON by default, an HTML page when text/html comes before application/json in Accept.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CatalogIndexDto) } },
      'text/html': { schema: { type: 'string', example: '<!doctype html><html lang="en"><head><title>API catalog</title>…' } },
    },
  })
  index(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): CatalogIndexDto | string {
    const index = this.catalog.index();
    if (!prefersHtml(accept)) return index;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return renderCatalogPage(index);
  }

  @Get('asyncapi.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'The event catalog (AsyncAPI 2.6): the webhooks partners receive and the events on the bus; no token needed.' })
  @ApiOkResponse({ description: 'The AsyncAPI document, as openapi/asyncapi.json in the repository.', schema: { type: 'object', additionalProperties: true } })
  eventCatalog(): object {
    return this.catalog.eventCatalog();
  }

  @Get('guides/:guide')
  @Header('content-type', 'text/markdown; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'A guide (Markdown), as the index links it; no token needed.' })
  @ApiParam({ name: 'guide', enum: Object.keys(CATALOG_GUIDES) })
  @ApiOkResponse({
    description: 'The guide.',
    content: { 'text/markdown': { schema: { type: 'string', example: '# B2B webhooks\n\nA partner subscribes an https endpoint …' } } },
  })
  @ApiNotFoundResponse({ description: 'No such guide, or this deployment does not ship the docs.' })
  guide(@Param('guide') guide: string): Promise<string> {
    return this.catalog.guide(guide);
  }
}
