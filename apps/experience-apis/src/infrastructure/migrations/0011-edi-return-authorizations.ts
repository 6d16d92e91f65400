import type { Migration } from '@platform';

export const migration: Migration = {
  version: 11,
  name: 'EDI 180 return merchandise authorizations and notifications among the documents sent and the outbound jobs',
  sql: `
      ALTER TABLE edi_documents DROP CONSTRAINT edi_documents_document_type_check;
      ALTER TABLE edi_documents ADD CONSTRAINT edi_documents_document_type_check CHECK (document_type IN ('997', '855', '856', '810', '180'));
      ALTER TABLE edi_outbound_jobs DROP CONSTRAINT edi_outbound_jobs_document_type_check;
      ALTER TABLE edi_outbound_jobs ADD CONSTRAINT edi_outbound_jobs_document_type_check CHECK (document_type IN ('856', '810', '180'));
    `,
};
