import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@platform';
import type { Partner } from '../../auth/partner.repository.js';
import type { EdiDocumentListDto, EdiDocumentsQueryDto } from '../edi.dto.js';
import { TradingPartnerRepository } from '../trading-partners/trading-partner.repository.js';
import { EdiDocumentStore } from './edi-document.store.js';

@Injectable()
export class EdiDocumentsService {
  constructor(
    private readonly tradingPartners: TradingPartnerRepository,
    private readonly store: EdiDocumentStore,
  ) {}

  /** A client sees only the documents of its own trading partners; any other id is not found. */
  async list(client: Partner, tradingPartnerId: string, query: EdiDocumentsQueryDto): Promise<EdiDocumentListDto> {
    const partner = await this.tradingPartners.get(tradingPartnerId);
    if (!partner || partner.clientId !== client.partnerId)
      throw new NotFoundError('EDI.TRADING_PARTNER_NOT_FOUND', `No trading partner ${tradingPartnerId} of yours.`);
    const documents = await this.store.list(partner.tradingPartnerId, { since: query.since, type: query.type, limit: query.limit ?? 100 });
    return {
      documents: documents.map((d) => ({
        documentId: d.documentId,
        documentType: d.documentType,
        reference: d.reference,
        controlNumber: d.controlNumber,
        createdAt: d.createdAt,
        raw: d.raw,
        ...(d.acknowledgment ? { acknowledgment: d.acknowledgment } : {}),
      })),
    };
  }
}
