import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentClient, OpsAuthGuard } from '../partner-auth.guard.js';
import type { ApiClient } from '../partner.repository.js';
import { ClientOnboardingService } from './client-onboarding.service.js';
import { ClientDto, ClientPageDto, ListClientsQueryDto, OnboardCrmClientDto, OnboardedClientDto, OnboardPartnerDto } from './onboarding.dto.js';

/**
 * Onboarding B2B partners and CRM clients: operator clients (scope `ops`) only; audited as `client.onboarded`.
 * Disabling, enabling and rotating secrets stay on `/ops/v1/clients/{clientId}/…`.
 */
@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OpsAuthGuard)
@Controller('ops/v1')
export class OnboardingController {
  constructor(private readonly onboarding: ClientOnboardingService) {}

  @Post('partners')
  @ApiBadRequestResponse({ description: 'Invalid fields or malformed JSON.' })
  @ApiOperation({ summary: 'Onboard a B2B partner for an ERP customer: it can get tokens (scope b2b) at once with the secret returned once.' })
  @ApiCreatedResponse({ type: OnboardedClientDto })
  @ApiConflictResponse({ description: 'The client id is taken (`CLIENT.ALREADY_EXISTS`).' })
  @ApiUnprocessableEntityResponse({ description: 'The ERP has no such customer (`CLIENT.UNKNOWN_CUSTOMER`).' })
  async onboardPartner(@CurrentClient() operator: ApiClient, @Body() body: OnboardPartnerDto): Promise<OnboardedClientDto> {
    const { clientSecret, ...client } = await this.onboarding.onboard(operator, { ...body, kind: 'partner' });
    return { ...ClientDto.from(client), clientSecret };
  }

  @Get('partners')
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor (`CLIENT.INVALID_CURSOR`: not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'B2B partners (including the clients EDI trading partners send with), by client id.' })
  @ApiOkResponse({ type: ClientPageDto })
  async partners(@Query() query: ListClientsQueryDto): Promise<ClientPageDto> {
    const page = await this.onboarding.list('partner', query.limit ?? 50, query.cursor);
    return { clients: page.clients.map((c) => ClientDto.from(c)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get('partners/:clientId')
  @ApiOperation({ summary: 'One B2B partner.' })
  @ApiOkResponse({ type: ClientDto })
  @ApiNotFoundResponse({ description: 'No such partner (`CLIENT.NOT_FOUND`).' })
  async partner(@Param('clientId') clientId: string): Promise<ClientDto> {
    return ClientDto.from(await this.onboarding.get('partner', clientId));
  }

  @Post('crm-clients')
  @ApiBadRequestResponse({ description: 'Invalid fields or malformed JSON.' })
  @ApiOperation({ summary: 'Onboard a CRM client (scope crm): the secret is returned once.' })
  @ApiCreatedResponse({ type: OnboardedClientDto })
  @ApiConflictResponse({ description: 'The client id is taken (`CLIENT.ALREADY_EXISTS`).' })
  async onboardCrmClient(@CurrentClient() operator: ApiClient, @Body() body: OnboardCrmClientDto): Promise<OnboardedClientDto> {
    const { clientSecret, ...client } = await this.onboarding.onboard(operator, { ...body, kind: 'crm' });
    return { ...ClientDto.from(client), clientSecret };
  }

  @Get('crm-clients')
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor (`CLIENT.INVALID_CURSOR`: not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'CRM clients, by client id.' })
  @ApiOkResponse({ type: ClientPageDto })
  async crmClients(@Query() query: ListClientsQueryDto): Promise<ClientPageDto> {
    const page = await this.onboarding.list('crm', query.limit ?? 50, query.cursor);
    return { clients: page.clients.map((c) => ClientDto.from(c)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get('crm-clients/:clientId')
  @ApiOperation({ summary: 'One CRM client.' })
  @ApiOkResponse({ type: ClientDto })
  @ApiNotFoundResponse({ description: 'No such CRM client (`CLIENT.NOT_FOUND`).' })
  async crmClient(@Param('clientId') clientId: string): Promise<ClientDto> {
    return ClientDto.from(await this.onboarding.get('crm', clientId));
  }
}
