import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPartner, PartnerAuthGuard } from '../auth/partner-auth.guard.js';
import type { Partner } from '../auth/partner.repository.js';
import { EdiDocumentsService } from './documents/edi-documents.service.js';
import { EdiDocumentListDto, EdiDocumentsQueryDto } from './edi.dto.js';
import { ReceiveInterchangeService } from './interchanges/receive-interchange.service.js';
import { ApiRateLimited } from '../rate-limits/api-rate-limited.decorator.js';

export const X12_CONTENT_TYPES = ['application/edi-x12', 'text/plain'] as const;

@ApiTags('edi v1')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No, expired or invalid bearer token.' })
@ApiRateLimited()
@ApiForbiddenResponse({ description: 'The client is not set up as an EDI trading partner.' })
@UseGuards(PartnerAuthGuard)
@Controller('edi/v1')
export class EdiController {
  constructor(
    private readonly interchanges: ReceiveInterchangeService,
    private readonly documents: EdiDocumentsService,
  ) {}

  @Post('interchanges')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send an ANSI X12 004010 interchange (850 purchase orders). The answer is X12: a 997 for every functional group, or a TA1 when the envelope is refused. ' +
      'Each accepted 850 becomes an order (the PO number is its idempotency key) and an 855 in your documents.',
  })
  @ApiConsumes(...X12_CONTENT_TYPES)
  @ApiProduces('application/edi-x12')
  @ApiBody({
    // what the reader needs to answer at all (a TA1 or a 997): text starting with an ISA segment
    schema: {
      type: 'string',
      pattern: '^\\s*ISA.',
      example: 'ISA*00*          *00*          *ZZ*UMBRELLAMAINT  *ZZ*DISTGATEWAY    *261125*0930*U*00401*000000101*0*T*>~GS*PO*…',
    },
  })
  @ApiOkResponse({
    description:
      'The acknowledgment interchange. Headers: `Edi-Acknowledgment` (997 or TA1), `Edi-Status` (AK9/TA1 status: A, P, R), `Idempotent-Replayed: true` when this ISA13 was received before.',
    schema: {
      type: 'string',
      example:
        'ISA*00*          *00*          *ZZ*DISTGATEWAY    *ZZ*UMBRELLAMAINT  *261125*0931*U*00401*000000001*0*T*>~GS*FA*…~ST*997*0001~AK1*PO*101~AK9*A*1*1*1~SE*4*0001~GE*1*1~IEA*1*000000001~',
    },
  })
  @ApiBadRequestResponse({ description: 'Empty body, or not an X12 interchange at all (no ISA to answer with a TA1).' })
  async receive(@CurrentPartner() client: Partner, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const answer = await this.interchanges.receive(client, typeof body === 'string' ? body : undefined);
    void reply
      .header('content-type', 'application/edi-x12; charset=utf-8')
      .header('edi-acknowledgment', answer.acknowledgment)
      .header('edi-status', answer.status)
      .header('idempotent-replayed', String(answer.replayed));
    return answer.body;
  }

  @Get('partners/:partnerId/documents')
  @ApiBadRequestResponse({ description: 'Invalid since, type or limit.' })
  @ApiOperation({ summary: 'The X12 documents we sent one of your trading partners (997, 855, 856, 810), oldest first, each with its raw interchange.' })
  @ApiOkResponse({ type: EdiDocumentListDto })
  @ApiNotFoundResponse({ description: 'No such trading partner of yours.' })
  documentsOf(@CurrentPartner() client: Partner, @Param('partnerId') partnerId: string, @Query() query: EdiDocumentsQueryDto): Promise<EdiDocumentListDto> {
    return this.documents.list(client, partnerId, query);
  }
}
