import { Controller, Get, Header } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readShippedDoc } from '@platform';

/** The note the v1 `Link: rel="deprecation"` header points to, served from the repository's docs folder. */
@ApiTags('b2b v2')
@Controller('b2b/docs')
export class MigrationGuideController {
  @Get('v2-migration')
  @Header('content-type', 'text/markdown; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'How to move from B2B v1 to v2 (Markdown); no token needed.' })
  @ApiOkResponse({
    description: 'The migration note.',
    content: { 'text/markdown': { schema: { type: 'string', example: '# Moving from B2B v1 to v2\n\nv2 answers money as decimal strings …' } } },
  })
  @ApiNotFoundResponse({ description: 'This deployment does not ship the docs; see B2B_V2_MIGRATION_GUIDE_URL.' })
  migrationGuide(): Promise<string> {
    return readShippedDoc('b2b-v2-migration.md');
  }
}
