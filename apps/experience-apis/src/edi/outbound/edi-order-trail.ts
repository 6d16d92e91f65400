import { Injectable } from '@nestjs/common';
import type { TimelineEntryDto } from '@contracts';
import { EdiDocumentStore } from '../documents/edi-document.store.js';
import { OutboundJobRepository } from './outbound-job.repository.js';

/** What an order's timeline shows of EDI: the 855, 856 and 810 sent for it (and their 997s), and those not built yet. */
@Injectable()
export class EdiOrderTrail {
  constructor(
    private readonly documents: EdiDocumentStore,
    private readonly jobs: OutboundJobRepository,
  ) {}

  /** `references`: the order id (855), its shipment ids (856) and invoice ids (810). */
  async entriesFor(references: readonly string[]): Promise<TimelineEntryDto[]> {
    const [documents, unbuilt] = await Promise.all([this.documents.forReferences(references), this.jobs.unbuiltFor(references)]);
    return [
      ...documents
        .filter((d) => d.documentType !== '997')
        .flatMap((d): TimelineEntryDto[] => [
          {
            at: d.createdAt,
            source: 'edi',
            what: `${d.documentType} sent to ${d.tradingPartnerId}`,
            reference: String(d.controlNumber),
            detail: `ISA13 ${d.controlNumber}`,
          },
          ...(d.acknowledgment
            ? [
                {
                  at: d.acknowledgment.at,
                  source: 'edi' as const,
                  what: `997 for the ${d.documentType}: ${d.acknowledgment.status}`,
                  reference: String(d.controlNumber),
                  problem: d.acknowledgment.status === 'R' || d.acknowledgment.status === 'E',
                },
              ]
            : []),
        ]),
      ...unbuilt.map((j) => ({
        at: j.createdAt,
        source: 'edi' as const,
        what: `${j.documentType} for ${j.tradingPartnerId} not built yet`,
        reference: j.reference,
        ...(j.lastError ? { detail: `attempt ${j.attempts}: ${j.lastError}`, problem: true } : {}),
      })),
    ];
  }
}
