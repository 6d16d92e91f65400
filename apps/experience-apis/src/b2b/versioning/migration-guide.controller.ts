import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@platform';

/** The note the v1 `Link: rel="deprecation"` header points to, served from the repository's docs folder. */
@ApiTags('b2b v2')
@Controller('b2b/docs')
export class MigrationGuideController {
  private guide?: Promise<string>;

  @Get('v2-migration')
  @Header('content-type', 'text/markdown; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'How to move from B2B v1 to v2 (Markdown); no token needed.' })
  @ApiOkResponse({
    description: 'The migration note.',
    content: { 'text/markdown': { schema: { type: 'string', example: '# Moving from B2B v1 to v2\n\nv2 answers money as decimal strings …' } } },
  })
  @ApiNotFoundResponse({ description: 'This deployment does not ship the docs; see B2B_V2_MIGRATION_GUIDE_URL.' })
  async migrationGuide(): Promise<string> {
    this.guide ??= readFile(path.resolve('docs', 'b2b-v2-migration.md'), 'utf8');
    try {
      return await this.guide;
    } catch {
      this.guide = undefined;
      throw new NotFoundError('DOCS.NOT_FOUND', 'The migration note is not shipped with this deployment.');
    }
  }
}
