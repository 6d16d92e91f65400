import type { ReturnReasonCode } from '@contracts';

/** The partner's reason codes as the ERP's order reasons (SDDocumentReason, up to 3 characters). */
export const ERP_RETURN_REASON: Record<ReturnReasonCode, string> = {
  DAMAGED: '101',
  DEFECTIVE: '102',
  WRONG_ITEM: '103',
  NOT_NEEDED: '104',
  ORDERED_IN_ERROR: '105',
};
