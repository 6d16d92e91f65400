import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Post } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DeprecatedV1 } from './deprecated-v1.decorator.js';
import { V1DeprecationInterceptor } from './v1-deprecation.interceptor.js';

// the catalog itself is checked by npm run openapi:check; this pins what the decorator adds
const operationOf = (route: object) => Reflect.getMetadata('swagger/apiOperation', route) as Record<string, unknown>;
const responsesOf = (route: object) => Reflect.getMetadata('swagger/apiResponse', route) as Record<string, Record<string, unknown>>;

@DeprecatedV1()
@Controller('b2b/v1/things')
class V1Things {
  @Get()
  @ApiOperation({ summary: 'List.' })
  @ApiOkResponse({ description: 'The things.' })
  @ApiNotFoundResponse({ description: 'None.' })
  list(): void {}

  @Post()
  @ApiOperation({ summary: 'Add.' })
  @ApiCreatedResponse({ description: 'Added.' })
  add(): void {}

  helper(): void {}
}

@DeprecatedV1({ alsoServesV2: true })
@Controller(['b2b/v2/things', 'b2b/v1/things'])
class BothThings {
  @Get()
  @ApiOperation({ summary: 'List.' })
  @ApiOkResponse({ description: 'The things.' })
  list(): void {}
}

describe('@DeprecatedV1', () => {
  it('puts the deprecation interceptor on the controller', () => {
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, V1Things)).toEqual([V1DeprecationInterceptor]);
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, BothThings)).toEqual([V1DeprecationInterceptor]);
  });

  it('marks every route of a v1 controller deprecated and documents the headers on its success answers only', () => {
    for (const route of [V1Things.prototype.list, V1Things.prototype.add]) {
      expect(operationOf(route)).toMatchObject({ deprecated: true, summary: expect.any(String) });
    }
    expect(Object.keys(responsesOf(V1Things.prototype.list)['200'].headers as object)).toEqual(['deprecation', 'sunset', 'link']);
    expect(responsesOf(V1Things.prototype.list)['200'].description).toBe('The things.');
    expect(responsesOf(V1Things.prototype.list)['404'].headers).toBeUndefined();
    expect(responsesOf(V1Things.prototype.add)['201'].headers).toBeDefined();
    expect(operationOf(V1Things.prototype.helper)).toBeUndefined();
  });

  it('leaves the documentation of a controller with v1 and v2 paths alone', () => {
    expect(operationOf(BothThings.prototype.list).deprecated).toBeUndefined();
    expect(responsesOf(BothThings.prototype.list)['200'].headers).toBeUndefined();
  });
});
