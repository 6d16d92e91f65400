import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '@platform';

/** The console's files, by the name the page asks for: read from the working directory, as `npm start` runs (like the docs). */
const CONSOLE_FILES: Readonly<Record<string, { file: string; type: string }>> = {
  'console.js': { file: 'apps/experience-apis/console/console.js', type: 'text/javascript; charset=utf-8' },
  'console.css': { file: 'apps/experience-apis/console/console.css', type: 'text/css; charset=utf-8' },
  'uplot.js': { file: 'node_modules/uplot/dist/uPlot.iife.min.js', type: 'text/javascript; charset=utf-8' },
  'uplot.css': { file: 'node_modules/uplot/dist/uPlot.min.css', type: 'text/css; charset=utf-8' },
};
const PAGE = 'apps/experience-apis/console/index.html';

// Only this origin's files and API: no inline script, nothing from elsewhere (the token lives in this page).
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The operations console: one page and its scripts, public like /docs (they hold no data; the page
 * logs the operator in with the OAuth2 token endpoint and calls the ops APIs with that token).
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  private readonly cache = new Map<string, Promise<Buffer>>();

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CSP)
  @Header('cache-control', 'no-cache')
  page(): Promise<Buffer> {
    return this.read(PAGE);
  }

  @Get(':file')
  async asset(@Param('file') name: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const asset = Object.hasOwn(CONSOLE_FILES, name) ? CONSOLE_FILES[name] : undefined;
    if (!asset) throw new NotFoundError('CONSOLE.NOT_FOUND', `No console file ${name}.`);
    void reply.header('content-type', asset.type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    return this.read(asset.file);
  }

  private async read(file: string): Promise<Buffer> {
    const content = this.cache.get(file) ?? readFile(path.resolve(file));
    this.cache.set(file, content);
    try {
      return await content;
    } catch {
      this.cache.delete(file);
      throw new NotFoundError('CONSOLE.NOT_FOUND', `${file} is not shipped with this deployment.`);
    }
  }
}
