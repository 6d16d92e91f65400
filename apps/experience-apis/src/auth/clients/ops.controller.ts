import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuditPageDto, AuditQueryDto } from '@contracts';
import { SecurityAudit } from '../audit/security-audit.service.js';
import { CurrentClient, OpsAuthGuard } from '../partner-auth.guard.js';
import type { ApiClient } from '../partner.repository.js';
import { ClientAdminService } from './client-admin.service.js';

class ClientStateDto {
  @ApiProperty({ example: 'acme' })
  readonly clientId!: string;

  @ApiProperty({ example: false })
  readonly active!: boolean;

  @ApiProperty({ example: 3, description: 'Tokens carrying an older version are refused.' })
  readonly tokenVersion!: number;
}

class RotatedSecretDto extends ClientStateDto {
  @ApiProperty({ example: 'q3Yx…', description: 'The new secret, shown once.' })
  readonly clientSecret!: string;

  @ApiPropertyOptional({
    example: '2026-12-06T03:00:00.000Z',
    description: 'With an overlap: until when the previous secret still gets tokens (which expire by then too).',
  })
  readonly previousSecretValidUntil?: string;
}

/** The longest overlap a secret rotation may give the old secret. */
export const MAX_SECRET_OVERLAP_SECONDS = 7 * 24 * 3600;

class RotateSecretDto {
  @ApiPropertyOptional({
    example: 86_400,
    default: 0,
    minimum: 0,
    maximum: MAX_SECRET_OVERLAP_SECONDS,
    description:
      'How long the old secret keeps getting tokens, so a partner can roll the new one out without downtime; tokens it holds run to their expiry. 0: the old secret and its tokens stop working at once.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SECRET_OVERLAP_SECONDS)
  readonly overlapSeconds?: number;
}

class RotatedKeyDto {
  @ApiProperty({ example: '20261205-1a2b3c4d', description: 'The key id that signs from now on.' })
  readonly kid!: string;

  @ApiProperty({ example: ['20261101-9f8e7d6c'], description: 'Keys that verify (and stay in the JWKS) until their tokens have expired.' })
  readonly retiring!: string[];
}

/** Client and key administration and the audit log: operator clients (scope `ops`) only; every change is audited. */
@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OpsAuthGuard)
@Controller('ops/v1')
export class OpsController {
  constructor(
    private readonly admin: ClientAdminService,
    private readonly audit: SecurityAudit,
  ) {}

  @Post('clients/:clientId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a client: no new tokens, and its tokens stop working within seconds.' })
  @ApiOkResponse({ type: ClientStateDto })
  @ApiNotFoundResponse({ description: 'No such client (`CLIENT.NOT_FOUND`).' })
  disable(@CurrentClient() operator: ApiClient, @Param('clientId') clientId: string): Promise<ClientStateDto> {
    return this.admin.setActive(operator, clientId, false);
  }

  @Post('clients/:clientId/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a client again (tokens issued before it was disabled stay invalid).' })
  @ApiOkResponse({ type: ClientStateDto })
  @ApiNotFoundResponse({ description: 'No such client (`CLIENT.NOT_FOUND`).' })
  enable(@CurrentClient() operator: ApiClient, @Param('clientId') clientId: string): Promise<ClientStateDto> {
    return this.admin.setActive(operator, clientId, true);
  }

  @Post('clients/:clientId/secret')
  @ApiBadRequestResponse({ description: 'Invalid body (`overlapSeconds` out of range or not an integer).' })
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Rotate a client's secret: the new one is returned once; the old secret and its tokens stop working, at once or (overlapSeconds) after an overlap window.",
  })
  @ApiBody({ type: RotateSecretDto, required: false })
  @ApiOkResponse({ type: RotatedSecretDto })
  @ApiNotFoundResponse({ description: 'No such client (`CLIENT.NOT_FOUND`).' })
  rotateSecret(@CurrentClient() operator: ApiClient, @Param('clientId') clientId: string, @Body() body: RotateSecretDto): Promise<RotatedSecretDto> {
    return this.admin.rotateSecret(operator, clientId, body?.overlapSeconds ?? 0);
  }

  @Post('signing-keys/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the access-token signing key: a new key signs; the previous ones keep verifying until their tokens expire.' })
  @ApiOkResponse({ type: RotatedKeyDto })
  rotateSigningKey(@CurrentClient() operator: ApiClient): Promise<RotatedKeyDto> {
    return this.admin.rotateSigningKey(operator);
  }

  @Get('audit')
  @ApiBadRequestResponse({ description: 'Invalid filter, limit or cursor (`AUDIT.INVALID_CURSOR`: not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'The audit log: refused credentials and tokens, client and key changes, oldest first.' })
  @ApiOkResponse({ type: AuditPageDto })
  auditLog(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list({ since: query.since ? new Date(query.since) : undefined, limit: query.limit ?? 50, cursor: query.cursor, action: query.action });
  }
}
