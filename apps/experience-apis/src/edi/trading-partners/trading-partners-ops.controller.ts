import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
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
import { CurrentClient, OpsAuthGuard } from '../../auth/partner-auth.guard.js';
import type { ApiClient } from '../../auth/partner.repository.js';
import {
  ListTradingPartnersQueryDto,
  OnboardedTradingPartnerDto,
  OnboardTradingPartnerDto,
  TradingPartnerDto,
  TradingPartnerPageDto,
} from './trading-partner-admin.dto.js';
import { TradingPartnerAdminService } from './trading-partner-admin.service.js';

/** X12 trading partners for operators (scope `ops`): onboard, list, disable, enable; every change audited. */
@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OpsAuthGuard)
@Controller('ops/v1/edi/trading-partners')
export class TradingPartnersOpsController {
  constructor(private readonly admin: TradingPartnerAdminService) {}

  @Post()
  @ApiBadRequestResponse({ description: 'Invalid fields or malformed JSON.' })
  @ApiOperation({
    summary:
      'Onboard an X12 trading partner: its ISA/GS ids, separators, the documents it wants, its part numbers; with the OAuth client it sends as (created unless clientId names one).',
  })
  @ApiCreatedResponse({ type: OnboardedTradingPartnerDto })
  @ApiConflictResponse({
    description: 'The id, the client id or the ISA qualifier and id are taken (`EDI.TRADING_PARTNER_EXISTS`, `CLIENT.ALREADY_EXISTS`, `EDI.ISA_ID_TAKEN`).',
  })
  @ApiUnprocessableEntityResponse({
    description: 'Unknown ERP customer (`CLIENT.UNKNOWN_CUSTOMER`) or sending client (`EDI.UNKNOWN_CLIENT`, `EDI.CLIENT_CUSTOMER_MISMATCH`).',
  })
  async onboard(@CurrentClient() operator: ApiClient, @Body() body: OnboardTradingPartnerDto): Promise<OnboardedTradingPartnerDto> {
    const { clientSecret, ...partner } = await this.admin.onboard(operator, body);
    return { ...TradingPartnerDto.from(partner), ...(clientSecret === undefined ? {} : { clientSecret }) };
  }

  @Get()
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor (`EDI.INVALID_CURSOR`: not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'Every trading partner, active or disabled, by id.' })
  @ApiOkResponse({ type: TradingPartnerPageDto })
  async list(@Query() query: ListTradingPartnersQueryDto): Promise<TradingPartnerPageDto> {
    const page = await this.admin.list(query.limit ?? 50, query.cursor);
    return { tradingPartners: page.partners.map((p) => TradingPartnerDto.from(p)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  @Get(':tradingPartnerId')
  @ApiOperation({ summary: 'One trading partner.' })
  @ApiOkResponse({ type: TradingPartnerDto })
  @ApiNotFoundResponse({ description: 'No such trading partner (`EDI.TRADING_PARTNER_NOT_FOUND`).' })
  async get(@Param('tradingPartnerId') id: string): Promise<TradingPartnerDto> {
    return TradingPartnerDto.from(await this.admin.get(id));
  }

  @Post(':tradingPartnerId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a trading partner: its interchanges are refused (403 `EDI.TRADING_PARTNER_DISABLED`) and no documents are sent to it.' })
  @ApiOkResponse({ type: TradingPartnerDto })
  @ApiNotFoundResponse({ description: 'No such trading partner (`EDI.TRADING_PARTNER_NOT_FOUND`).' })
  async disable(@CurrentClient() operator: ApiClient, @Param('tradingPartnerId') id: string): Promise<TradingPartnerDto> {
    return TradingPartnerDto.from(await this.admin.setActive(operator, id, false));
  }

  @Post(':tradingPartnerId/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a trading partner again (documents of events while it was disabled are not sent).' })
  @ApiOkResponse({ type: TradingPartnerDto })
  @ApiNotFoundResponse({ description: 'No such trading partner (`EDI.TRADING_PARTNER_NOT_FOUND`).' })
  async enable(@CurrentClient() operator: ApiClient, @Param('tradingPartnerId') id: string): Promise<TradingPartnerDto> {
    return TradingPartnerDto.from(await this.admin.setActive(operator, id, true));
  }
}
